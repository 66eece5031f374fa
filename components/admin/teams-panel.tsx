"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { teamKeys, useMyTeams, type TeamDto } from "@/components/assessments/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { ConfirmDialog, useConfirmedMutation } from "@/components/ui/confirm-dialog";
import { Field, SelectField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { formatDate } from "@/components/ui/format";
import { InlineRenameForm } from "@/components/ui/inline-rename-form";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api, ApiError } from "@/lib/client/fetcher";

type TeamRole = "member" | "maintainer";

interface TeamMemberDto {
  id: string;
  name: string;
  email: string;
  active: boolean;
  role: TeamRole;
  since: string;
}

interface UserDto {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

const usersKey = ["admin", "users"] as const;

/** Errors that name no field (a 409, say) go in an alert rather than under a control. */
const formError = (err: unknown) =>
  err instanceof ApiError && err.errors.length > 0 ? null : err instanceof Error ? err.message : null;

function CreateTeamForm() {
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => api<{ team: TeamDto }>("/api/admin/teams", { method: "POST", body: { name } }),
    onSuccess: () => {
      setName("");
      void qc.invalidateQueries({ queryKey: teamKeys.mine() });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-3" aria-label="Create team">
      <Field
        label="Team name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldErrors(create.error)("name")}
        className="min-w-64 flex-1"
        placeholder="e.g. Platform"
      />
      <Button type="submit" className="mt-6" disabled={create.isPending}>
        Create team
      </Button>
      {formError(create.error) ? (
        <div className="basis-full">
          <Alert tone="error">{formError(create.error)}</Alert>
        </div>
      ) : null}
    </form>
  );
}

function AddMemberForm({ team, members }: { team: TeamDto; members: TeamMemberDto[] }) {
  const qc = useQueryClient();
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const users = useQuery({
    queryKey: usersKey,
    queryFn: () => api<{ users: UserDto[] }>("/api/admin/users").then((r) => r.users),
  });
  const inTeam = new Set(members.map((m) => m.id));
  const candidates = (users.data ?? []).filter((u) => u.active && !inTeam.has(u.id));
  const add = useMutation({
    mutationFn: () => api(`/api/admin/teams/${team.id}/members/${userId}`, { method: "PUT", body: { role } }),
    onSuccess: () => {
      setUserId("");
      setRole("member");
      void qc.invalidateQueries({ queryKey: teamKeys.all });
    },
  });
  if (users.data && candidates.length === 0) {
    return <p className="text-sm text-slate-500">Every active user is already in this team.</p>;
  }
  return (
    <form
      className="flex flex-wrap items-start gap-3"
      aria-label={`Add member to ${team.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (userId) add.mutate();
      }}
    >
      <SelectField
        label="User"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        className="min-w-64 flex-1"
        disabled={!users.data}
      >
        <option value="">{users.data ? "Choose a user…" : "Loading users…"}</option>
        {candidates.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.email})
          </option>
        ))}
      </SelectField>
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
        <option value="member">Member</option>
        <option value="maintainer">Maintainer</option>
      </SelectField>
      <Button type="submit" className="mt-6" disabled={!userId || add.isPending}>
        Add member
      </Button>
      {add.error ? (
        <div className="basis-full">
          <Alert tone="error">{add.error.message}</Alert>
        </div>
      ) : null}
    </form>
  );
}

function TeamMembers({ team }: { team: TeamDto }) {
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: teamKeys.detail(team.id),
    queryFn: () =>
      api<{ team: TeamDto & { members: TeamMemberDto[] } }>(`/api/admin/teams/${team.id}`).then(
        (r) => r.team,
      ),
  });
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: TeamRole }) =>
      api(`/api/admin/teams/${team.id}/members/${userId}`, { method: "PUT", body: { role } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
  const remove = useConfirmedMutation({
    mutationFn: (m: TeamMemberDto) =>
      api(`/api/admin/teams/${team.id}/members/${m.id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
  const members = detail.data?.members ?? [];
  return (
    <Card title={`Members of ${team.name}`}>
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-600">
          Members see and edit the team’s assessments; maintainers also rename, delete and share them.
        </p>
        {detail.isPending ? <p className="text-sm text-slate-500">Loading members…</p> : null}
        {detail.error ? <Alert tone="error">Could not load members: {detail.error.message}</Alert> : null}
        {setRole.error ? <Alert tone="error">{setRole.error.message}</Alert> : null}
        {detail.data && members.length === 0 ? <EmptyState title="No members yet" /> : null}
        {members.length > 0 ? (
          <Table>
            <TableHead
              columns={["Name", "Email", "Role", "Since"]}
              actions="Actions"
              cellClassName="px-3 py-2"
            />
            <TableBody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td className="px-3 py-2">
                    {m.name}
                    {m.active ? null : <span className="ml-2 text-xs text-slate-500">(deactivated)</span>}
                  </td>
                  <td className="px-3 py-2">{m.email}</td>
                  <td className="px-3 py-2">
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={setRole.isPending}
                      onChange={(e) => setRole.mutate({ userId: m.id, role: e.target.value as TeamRole })}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                    >
                      <option value="member">Member</option>
                      <option value="maintainer">Maintainer</option>
                    </select>
                  </td>
                  <td className="px-3 py-2 text-slate-600">{formatDate(m.since)}</td>
                  <td className="px-3 py-2 text-right">
                    <Button variant="ghost" onClick={() => remove.ask(m)} aria-label={`Remove ${m.email}`}>
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </TableBody>
          </Table>
        ) : null}
        {detail.data ? <AddMemberForm team={team} members={members} /> : null}
      </div>
      <ConfirmDialog {...remove.dialog} title="Remove member?" confirmLabel="Remove">
        <p>
          {remove.target?.name} will no longer see or edit {team.name}’s assessments. Assessments they own
          stay in the team.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

export function TeamsPanel() {
  const qc = useQueryClient();
  const [openId, setOpenId] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  // For administrators GET /api/teams lists every team.
  const teams = useMyTeams();
  const remove = useConfirmedMutation({
    mutationFn: (t: TeamDto) => api(`/api/admin/teams/${t.id}`, { method: "DELETE" }),
    onSuccess: (t) => {
      if (openId === t.id) setOpenId(null);
      void qc.invalidateQueries({ queryKey: teamKeys.mine() });
    },
  });
  const open = teams.data?.find((t) => t.id === openId) ?? null;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Teams</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every assessment belongs to a team. New accounts join the default team.
        </p>
      </div>
      <Card title="New team">
        <CreateTeamForm />
      </Card>
      {teams.isPending ? <p className="text-sm text-slate-500">Loading teams…</p> : null}
      {teams.error ? <Alert tone="error">Could not load teams: {teams.error.message}</Alert> : null}
      {teams.data?.length === 0 ? <EmptyState title="No teams yet">Create one above.</EmptyState> : null}
      {teams.data && teams.data.length > 0 ? (
        <Table className="rounded-lg border border-slate-200 bg-white" aria-label="Teams">
          <TableHead columns={["Name", "Members", "Assessments", "Created"]} actions="Actions" />
          <TableBody>
            {teams.data.map((t) => (
              <tr key={t.id} className={t.id === openId ? "bg-brand-50" : undefined}>
                <td className="px-4 py-2 font-medium">
                  {renaming === t.id ? (
                    <InlineRenameForm
                      label={`New name for ${t.name}`}
                      name={t.name}
                      save={(name) => api(`/api/admin/teams/${t.id}`, { method: "PATCH", body: { name } })}
                      onSaved={() => void qc.invalidateQueries({ queryKey: teamKeys.all })}
                      onDone={() => setRenaming(null)}
                      className="flex flex-wrap items-center gap-2"
                    />
                  ) : (
                    <>
                      {t.name}
                      {t.isDefault ? (
                        <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">
                          default
                        </span>
                      ) : null}
                    </>
                  )}
                </td>
                <td className="px-4 py-2">{t.memberCount}</td>
                <td className="px-4 py-2">{t.assessmentCount}</td>
                <td className="px-4 py-2 text-slate-600">{formatDate(t.createdAt)}</td>
                <td className="px-4 py-2 text-right whitespace-nowrap">
                  <Button
                    variant="ghost"
                    aria-expanded={t.id === openId}
                    aria-label={`Members of ${t.name}`}
                    onClick={() => setOpenId(t.id === openId ? null : t.id)}
                  >
                    Members
                  </Button>
                  <Button variant="ghost" onClick={() => setRenaming(t.id)} aria-label={`Rename ${t.name}`}>
                    Rename
                  </Button>
                  {t.isDefault ? null : (
                    <Button variant="ghost" onClick={() => remove.ask(t)} aria-label={`Delete ${t.name}`}>
                      Delete
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {open ? <TeamMembers key={open.id} team={open} /> : null}
      <ConfirmDialog {...remove.dialog} title="Delete team?" confirmLabel="Delete">
        <p>
          “{remove.target?.name}” and its memberships will be deleted. A team that still holds assessments
          cannot be deleted: move or delete them first.
        </p>
      </ConfirmDialog>
    </div>
  );
}
