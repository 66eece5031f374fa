"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { ConfirmDialog, useConfirmedMutation } from "@/components/ui/confirm-dialog";
import { Field, SelectField } from "@/components/ui/field";
import { fieldErrors, FormErrorAlert } from "@/components/ui/form-error";
import { formatDate } from "@/components/ui/format";
import { InlineRenameForm } from "@/components/ui/inline-rename-form";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api } from "@/lib/client/fetcher";
import { assessmentKeys, useMyTeams, type AssessmentDto } from "./queries";
import { GradeBadge, VerdictBadge } from "./verdict-badge";

function CreateAssessmentForm() {
  const qc = useQueryClient();
  const router = useRouter();
  const teams = useMyTeams();
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState("");
  // Until the user picks one, the first team (the default team, listed first) is the target.
  const chosenTeam = teamId || teams.data?.[0]?.id;
  const create = useMutation({
    mutationFn: () =>
      api<{ assessment: AssessmentDto }>("/api/assessments", {
        method: "POST",
        body: { name, teamId: chosenTeam },
      }),
    // A new assessment starts with its questionnaire: go there.
    onSuccess: ({ assessment }) => {
      void qc.invalidateQueries({ queryKey: assessmentKeys.list() });
      router.push(`/assessments/${assessment.id}`);
    },
  });
  const fieldError = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (teams.data?.length === 0) {
    return <Alert tone="info">You belong to no team yet: ask an administrator to add you to one.</Alert>;
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label="New assessment">
      <div className="flex flex-wrap items-start gap-3">
        <Field
          label="Assessment name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError("name")}
          className="min-w-0 flex-1 basis-64"
          placeholder="e.g. Payments platform 2026"
        />
        {/* With a single team there is nothing to choose. */}
        {teams.data && teams.data.length > 1 ? (
          <SelectField
            label="Team"
            value={chosenTeam}
            onChange={(e) => setTeamId(e.target.value)}
            error={fieldError("teamId")}
            className="min-w-48"
          >
            {teams.data.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Button type="submit" className="mt-6" disabled={create.isPending || create.isSuccess || !teams.data}>
          Create assessment
        </Button>
      </div>
      <FormErrorAlert error={create.error} />
    </form>
  );
}

export function Dashboard() {
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: assessmentKeys.list(),
    queryFn: () => api<{ assessments: AssessmentDto[] }>("/api/assessments").then((r) => r.assessments),
  });
  const [renaming, setRenaming] = useState<string | null>(null);
  const remove = useConfirmedMutation({
    mutationFn: (a: AssessmentDto) => api(`/api/assessments/${a.id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: assessmentKeys.list() }),
  });

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Assessments</h1>
        <p className="mt-1 text-sm text-slate-600">
          Each assessment answers two questions: do you need Kubernetes, and is your cluster ready for
          production?
        </p>
      </div>
      <Card title="New assessment">
        <CreateAssessmentForm />
      </Card>
      {list.isPending ? <p className="text-sm text-slate-500">Loading assessments…</p> : null}
      {list.error ? <Alert tone="error">Could not load assessments: {list.error.message}</Alert> : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title="No assessments yet">Create one above, then answer the questionnaire.</EmptyState>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <Table label="Assessments">
            <TableHead
              columns={["Name", "Team", "Last updated", "Need Kubernetes?", "Readiness"]}
              actions="Actions"
              cellClassName="px-4 py-3"
              className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase"
            />
            <TableBody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td className="px-4 py-3 font-medium">
                    {renaming === a.id ? (
                      <InlineRenameForm
                        label="New name"
                        name={a.name}
                        save={(name) => api(`/api/assessments/${a.id}`, { method: "PATCH", body: { name } })}
                        onSaved={() => void qc.invalidateQueries({ queryKey: assessmentKeys.all })}
                        onDone={() => setRenaming(null)}
                        className="flex items-center gap-2"
                      />
                    ) : (
                      <Link href={`/assessments/${a.id}`} className="text-brand-700 hover:underline">
                        {a.name}
                      </Link>
                    )}
                  </td>
                  <td className="px-4 py-3 text-slate-600">{a.team.name}</td>
                  <td className="px-4 py-3 text-slate-600">{formatDate(a.updatedAt)}</td>
                  <td className="px-4 py-3">
                    <VerdictBadge verdict={a.needVerdict} score={a.needScore} />
                  </td>
                  <td className="px-4 py-3">
                    <GradeBadge grade={a.readinessGrade} score={a.readinessScore} />
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap">
                    {a.canManage ? (
                      <>
                        <Button
                          variant="ghost"
                          onClick={() => setRenaming(a.id)}
                          aria-label={`Rename ${a.name}`}
                        >
                          Rename
                        </Button>
                        <Button variant="ghost" onClick={() => remove.ask(a)} aria-label={`Delete ${a.name}`}>
                          Delete
                        </Button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      <ConfirmDialog {...remove.dialog} title="Delete assessment?" confirmLabel="Delete">
        <p>
          “{remove.target?.name}” will be deleted with its answers, snapshots and share links. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
