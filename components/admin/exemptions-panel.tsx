"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { JobProgress, useJob } from "@/components/jobs/job-progress";
import { ConfirmDialog, useConfirmedMutation } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api } from "@/lib/client/fetcher";
import {
  CheckOptions,
  LoadingRow,
  ProblemAlert,
  SelectField,
  StatusBadge,
  TextAreaField,
} from "./checklists/controls";
import { useChecks } from "./checklists/queries";

interface ExemptionDto {
  id: string;
  checkId: string;
  /** One part of a bundled check (resource-limits: cpu); null for every result of the check. */
  concern: string | null;
  namespacePattern: string;
  namePattern: string;
  reason: string;
  expiresAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
  createdBy: { name: string; email: string };
}

const exemptionKeys = { list: ["admin", "exemptions"] as const };

const emptyForm = {
  checkId: "",
  concern: "",
  namespacePattern: "*",
  namePattern: "*",
  reason: "",
  expires: "",
};

/** The expiry date means "through that day", in the admin's time zone. */
function expiryIso(date: string): string | null {
  if (!date) return null;
  const end = new Date(`${date}T23:59:59.999`);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}

function state(e: ExemptionDto): "active" | "expired" | "revoked" {
  if (e.revokedAt) return "revoked";
  return e.active ? "active" : "expired";
}

/** The re-scoring job an exemption change started: its progress, then a line saying it is done. */
function RescoreStatus({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  if (!job.data) return null;
  if (job.data.status === "failed") {
    return <Alert tone="error">Re-scoring failed: {job.data.error?.detail}</Alert>;
  }
  if (job.data.status === "done") {
    return (
      <p role="status" className="text-sm text-emerald-800">
        Every assessment has been re-scored with the exemptions in force.
      </p>
    );
  }
  return <JobProgress job={job.data} label="Re-scoring progress" />;
}

function CreateExemption({ onJob }: { onJob: (jobId: string) => void }) {
  const qc = useQueryClient();
  const checks = useChecks();
  const [form, setForm] = useState(emptyForm);
  const concerns = checks.data?.find((c) => c.id === form.checkId)?.concerns ?? [];
  const create = useMutation({
    mutationFn: () =>
      api<{ job: { id: string } }>("/api/admin/exemptions", {
        method: "POST",
        body: {
          checkId: form.checkId,
          concern: form.concern || null,
          namespacePattern: form.namespacePattern,
          namePattern: form.namePattern,
          reason: form.reason,
          expiresAt: expiryIso(form.expires),
        },
      }),
    onSuccess: ({ job }) => {
      setForm(emptyForm);
      onJob(job.id);
      void qc.invalidateQueries({ queryKey: exemptionKeys.list });
    },
  });
  const fieldError = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Create exemption" className="grid gap-3 sm:grid-cols-2">
      <SelectField
        label="Check"
        required
        className="sm:col-span-2"
        value={form.checkId}
        onChange={(e) => setForm({ ...form, checkId: e.target.value, concern: "" })}
        error={fieldError("checkId")}
      >
        <CheckOptions checks={checks.data} />
      </SelectField>
      {concerns.length > 0 ? (
        <SelectField
          label="Part of the check"
          className="sm:col-span-2"
          value={form.concern}
          onChange={(e) => setForm({ ...form, concern: e.target.value })}
          error={fieldError("concern")}
          hint="This check judges several things separately; exempt all of them or only one."
        >
          <option value="">All of it</option>
          {concerns.map((c) => (
            <option key={c} value={c}>
              {c} only
            </option>
          ))}
        </SelectField>
      ) : null}
      {checks.error ? (
        <div className="sm:col-span-2">
          <Alert tone="error">The check catalogue could not be loaded: {checks.error.message}</Alert>
        </div>
      ) : null}
      <Field
        label="Namespace pattern"
        required
        value={form.namespacePattern}
        onChange={(e) => setForm({ ...form, namespacePattern: e.target.value })}
        error={fieldError("namespacePattern")}
        hint={
          <>
            <code>*</code> matches any characters: <code>*</code> for all namespaces, <code>team-*</code> for
            a prefix.
          </>
        }
      />
      <Field
        label="Name pattern"
        required
        value={form.namePattern}
        onChange={(e) => setForm({ ...form, namePattern: e.target.value })}
        error={fieldError("namePattern")}
        hint={
          <>
            Object name; <code>*</code> for every object in the namespaces above.
          </>
        }
      />
      <TextAreaField
        label="Reason"
        required
        className="sm:col-span-2"
        value={form.reason}
        onChange={(e) => setForm({ ...form, reason: e.target.value })}
        error={fieldError("reason")}
        hint="Shown next to every exempted result in reports."
      />
      <Field
        label="Expires on (optional)"
        type="date"
        value={form.expires}
        onChange={(e) => setForm({ ...form, expires: e.target.value })}
        error={fieldError("expiresAt")}
        hint="The exemption stops applying after this day. Leave empty for no expiry."
      />
      <div className="flex flex-col gap-2 sm:col-span-2">
        <ProblemAlert
          error={create.error}
          shownPaths={["checkId", "concern", "namespacePattern", "namePattern", "reason", "expiresAt"]}
        />
        <div>
          <Button type="submit" disabled={create.isPending}>
            Create exemption
          </Button>
        </div>
      </div>
    </form>
  );
}

export function ExemptionsPanel() {
  const qc = useQueryClient();
  const checks = useChecks();
  const exemptions = useQuery({
    queryKey: exemptionKeys.list,
    queryFn: () => api<{ exemptions: ExemptionDto[] }>("/api/admin/exemptions").then((r) => r.exemptions),
  });
  const [rescoreJob, setRescoreJob] = useState<string | null>(null);
  const revoke = useConfirmedMutation({
    mutationFn: async (e: ExemptionDto) => {
      const { job } = await api<{ job: { id: string } }>(`/api/admin/exemptions/${e.id}`, {
        method: "DELETE",
      });
      setRescoreJob(job.id);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: exemptionKeys.list }),
  });
  const checkTitle = (id: string) => checks.data?.find((c) => c.id === id)?.title;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Exemptions</h1>
        <p className="mt-1 text-sm text-slate-600">
          An exemption marks a check&apos;s results as accepted for matching objects. Exempt results are still
          counted and shown in reports, just not scored. Teams can also exempt a single object with the{" "}
          <code>kubeready.io/exempt</code> annotation.
        </p>
      </div>
      <Card title="New exemption">
        <CreateExemption onJob={setRescoreJob} />
        {rescoreJob ? <RescoreStatus key={rescoreJob} jobId={rescoreJob} /> : null}
      </Card>

      <section aria-labelledby="exemptions-heading" className="flex flex-col gap-3">
        <h2 id="exemptions-heading" className="text-lg font-semibold">
          All exemptions
        </h2>
        {exemptions.isPending ? <LoadingRow label="Loading exemptions…" /> : null}
        {exemptions.error ? <Alert tone="error">{exemptions.error.message}</Alert> : null}
        {exemptions.data && exemptions.data.length === 0 ? (
          <EmptyState title="No exemptions">Every check applies to every object.</EmptyState>
        ) : null}
        {exemptions.data && exemptions.data.length > 0 ? (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <Table>
              <caption className="sr-only">Exemptions</caption>
              <TableHead
                columns={["Check", "Scope", "Reason", "Created", "Expires", "State"]}
                actions="Actions"
              />
              <TableBody>
                {exemptions.data.map((e) => {
                  const s = state(e);
                  return (
                    <tr key={e.id} className={s === "active" ? "" : "text-slate-500"}>
                      <td className="px-4 py-3 align-top">
                        {checkTitle(e.checkId) ? (
                          <p className="font-medium">{checkTitle(e.checkId)}</p>
                        ) : null}
                        <code className="text-xs">{e.checkId}</code>
                        {e.concern ? (
                          <p className="text-xs text-slate-600">
                            only <code>{e.concern}</code>
                          </p>
                        ) : null}
                      </td>
                      <td className="px-4 py-3 align-top">
                        <span className="text-xs text-slate-500">namespace</span>{" "}
                        <code className="text-xs">{e.namespacePattern}</code>
                        <br />
                        <span className="text-xs text-slate-500">name</span>{" "}
                        <code className="text-xs">{e.namePattern}</code>
                      </td>
                      <td className="max-w-xs px-4 py-3 align-top whitespace-pre-wrap">{e.reason}</td>
                      <td className="px-4 py-3 align-top">
                        {e.createdBy.name}
                        <span className="block text-xs text-slate-500">{formatDate(e.createdAt)}</span>
                      </td>
                      <td className="px-4 py-3 align-top">
                        {e.expiresAt ? formatDate(e.expiresAt) : "Never"}
                      </td>
                      <td className="px-4 py-3 align-top">
                        <StatusBadge status={s} />
                        {e.revokedAt ? (
                          <span className="block text-xs text-slate-500">{formatDate(e.revokedAt)}</span>
                        ) : null}
                      </td>
                      <td className="px-4 py-3 text-right align-top">
                        {e.revokedAt ? null : (
                          <Button
                            variant="ghost"
                            aria-label={`Revoke exemption for ${e.checkId} (${e.namespacePattern}/${e.namePattern})`}
                            onClick={() => revoke.ask(e)}
                          >
                            Revoke
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </section>

      <ConfirmDialog {...revoke.dialog} title="Revoke this exemption?" confirmLabel="Revoke">
        Results of <code>{revoke.target?.checkId}</code> for {revoke.target?.namespacePattern}/
        {revoke.target?.namePattern} count again in reports computed from now on. The exemption stays listed
        as revoked.
      </ConfirmDialog>
    </div>
  );
}
