"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api } from "@/lib/client/fetcher";
import { fieldErrors, LoadingRow, ProblemAlert, StatusBadge, TextAreaField } from "./controls";
import { ImportForm } from "./import-form";
import { checklistKeys, type ChecklistDto } from "./queries";

/** Suggests a slug from the name until the admin types one; the slug is stable once created. */
function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

function CreateForm() {
  const qc = useQueryClient();
  const router = useRouter();
  const [form, setForm] = useState({ name: "", slug: "", description: "" });
  const [slugTouched, setSlugTouched] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      api<{ checklist: { id: string } }>("/api/admin/checklists", { method: "POST", body: form }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: checklistKeys.all });
      router.push(`/admin/checklists/${r.checklist.id}`);
    },
  });
  const fieldError = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Create checklist" className="grid gap-3 sm:grid-cols-2">
      <Field
        label="Name"
        required
        value={form.name}
        onChange={(e) =>
          setForm({ ...form, name: e.target.value, slug: slugTouched ? form.slug : slugify(e.target.value) })
        }
        error={fieldError("name")}
      />
      <Field
        label="Slug"
        required
        value={form.slug}
        onChange={(e) => {
          setSlugTouched(true);
          setForm({ ...form, slug: e.target.value });
        }}
        error={fieldError("slug")}
        hint="Lower-case letters, digits and dashes, e.g. production-readiness. It cannot change later."
      />
      <TextAreaField
        label="Description"
        className="sm:col-span-2"
        value={form.description}
        onChange={(e) => setForm({ ...form, description: e.target.value })}
        error={fieldError("description")}
      />
      <div className="flex flex-col gap-2 sm:col-span-2">
        <ProblemAlert error={create.error} shownPaths={["name", "slug", "description"]} />
        <div>
          <Button type="submit" disabled={create.isPending}>
            Create checklist
          </Button>
        </div>
      </div>
    </form>
  );
}

function VersionsSummary({ checklist }: { checklist: ChecklistDto }) {
  const published = checklist.versions.find((v) => v.status === "published");
  const draft = checklist.versions.find((v) => v.status === "draft");
  return (
    <>
      <td className="px-4 py-3 align-top">
        {published ? (
          <>
            <span className="font-medium">v{published.number}</span>{" "}
            <span className="text-slate-500">
              {formatDate(published.publishedAt)}
              {published.publishedBy ? ` by ${published.publishedBy.name}` : ""}
            </span>
          </>
        ) : (
          <span className="text-slate-500">Never published</span>
        )}
      </td>
      <td className="px-4 py-3 align-top">
        {draft ? <StatusBadge status="draft">v{draft.number} draft</StatusBadge> : "—"}
      </td>
      <td className="px-4 py-3 text-right align-top font-mono">
        {published ? published.itemCount : (draft?.itemCount ?? 0)}
        {published && draft && draft.itemCount !== published.itemCount ? (
          <span className="block text-xs text-slate-500">{draft.itemCount} in draft</span>
        ) : null}
      </td>
    </>
  );
}

export function ChecklistsPanel() {
  const checklists = useQuery({
    queryKey: checklistKeys.list(),
    queryFn: () => api<{ checklists: ChecklistDto[] }>("/api/admin/checklists").then((r) => r.checklists),
  });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Checklists</h1>
        <p className="mt-1 text-sm text-slate-600">
          Assessments are scored against a published checklist version. Edit a draft, then publish it;
          published versions never change, so existing reports keep the version they were scored with.
        </p>
      </div>

      {checklists.isPending ? <LoadingRow label="Loading checklists…" /> : null}
      {checklists.error ? <Alert tone="error">{checklists.error.message}</Alert> : null}
      {checklists.data && checklists.data.length === 0 ? (
        <EmptyState title="No checklists yet">
          Create one below, or import a YAML/JSON file exported from another Kubeready.
        </EmptyState>
      ) : null}
      {checklists.data && checklists.data.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <Table>
            <caption className="sr-only">Checklists</caption>
            <TableHead
              columns={[
                "Name",
                "Slug",
                "Latest published",
                "Draft",
                { label: "Items", className: "px-4 py-2 text-right" },
              ]}
            />
            <TableBody>
              {checklists.data.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-3 align-top">
                    <Link
                      href={`/admin/checklists/${c.id}`}
                      className="text-brand-700 font-medium hover:underline"
                    >
                      {c.name}
                    </Link>
                    {c.description ? <p className="mt-0.5 text-xs text-slate-500">{c.description}</p> : null}
                  </td>
                  <td className="px-4 py-3 align-top whitespace-nowrap">
                    <code className="text-xs">{c.slug}</code>
                  </td>
                  <VersionsSummary checklist={c} />
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}

      <Card title="New checklist">
        <CreateForm />
      </Card>
      <Card title="Import a checklist">
        <ImportForm />
      </Card>
    </div>
  );
}
