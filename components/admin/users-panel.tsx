"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useConfirmedMutation } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { fieldErrors, FormErrorAlert } from "@/components/ui/form-error";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api } from "@/lib/client/fetcher";

interface UserDto {
  id: string;
  email: string;
  name: string;
  role: "admin" | "member";
  active: boolean;
  createdAt: string;
}

const userKeys = { list: ["admin", "users"] as const };

export function UsersPanel({ selfId }: { selfId: string }) {
  const qc = useQueryClient();
  const [form, setForm] = useState({ email: "", name: "", password: "", role: "member" });
  const users = useQuery({
    queryKey: userKeys.list,
    queryFn: () => api<{ users: UserDto[] }>("/api/admin/users").then((r) => r.users),
  });
  const create = useMutation({
    mutationFn: () => api("/api/admin/users", { method: "POST", body: form }),
    onSuccess: () => {
      setForm({ email: "", name: "", password: "", role: "member" });
      void qc.invalidateQueries({ queryKey: userKeys.list });
    },
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: string; active?: boolean }) =>
      api(`/api/admin/users/${id}`, { method: "PATCH", body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: userKeys.list }),
  });
  // The link is shown once, to copy and hand over privately; only its hash is stored.
  const resetLink = useMutation({
    mutationFn: (u: UserDto) =>
      api<{ url: string; expiresAt: string }>(`/api/admin/users/${u.id}/password-reset`, {
        method: "POST",
      }).then((r) => ({ ...r, email: u.email })),
  });
  const remove = useConfirmedMutation({
    mutationFn: (u: UserDto) => api(`/api/admin/users/${u.id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: userKeys.list }),
  });
  const fieldError = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <form
        onSubmit={submit}
        className="grid gap-3 rounded-lg border bg-white p-5 sm:grid-cols-2"
        aria-label="Create user"
      >
        <Field
          label="Name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={fieldError("name")}
        />
        <Field
          label="Email"
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={fieldError("email")}
        />
        <Field
          label="Initial password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={fieldError("password")}
          hint="At least 12 characters, not a common one. Share it privately, or send a reset link instead."
        />
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">Role</span>
          <select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value })}
            className="rounded-md border border-slate-300 px-3 py-2"
          >
            <option value="member">Member</option>
            <option value="admin">Administrator</option>
          </select>
        </label>
        <div className="sm:col-span-2">
          <FormErrorAlert error={create.error} />
          <Button type="submit" disabled={create.isPending} className="mt-2">
            Create user
          </Button>
        </div>
      </form>
      {update.error ? <Alert tone="error">{update.error.message}</Alert> : null}
      {resetLink.error ? <Alert tone="error">{resetLink.error.message}</Alert> : null}
      {resetLink.data ? (
        <Alert tone="success">
          <p className="mb-2">
            Send this link to {resetLink.data.email} privately. It works once, until{" "}
            {formatDate(resetLink.data.expiresAt)}, and replaces any earlier link.
          </p>
          <Field label="Reset link" value={resetLink.data.url} readOnly onFocus={(e) => e.target.select()} />
        </Alert>
      ) : null}
      {users.data ? (
        <Table className="rounded-lg border bg-white" label="Users">
          <TableHead columns={["Name", "Email", "Role", "Status", "Created"]} actions="Actions" />
          <TableBody>
            {users.data.map((u) => (
              <tr key={u.id}>
                <td className="px-4 py-2">{u.name}</td>
                <td className="px-4 py-2">{u.email}</td>
                <td className="px-4 py-2 capitalize">{u.role}</td>
                <td className="px-4 py-2">{u.active ? "Active" : "Deactivated"}</td>
                <td className="px-4 py-2">{formatDate(u.createdAt)}</td>
                <td className="px-4 py-2 text-right whitespace-nowrap">
                  {u.id === selfId ? (
                    <span className="text-xs text-slate-500">you</span>
                  ) : (
                    <>
                      <Button
                        variant="ghost"
                        onClick={() =>
                          update.mutate({ id: u.id, role: u.role === "admin" ? "member" : "admin" })
                        }
                      >
                        {u.role === "admin" ? "Make member" : "Make admin"}
                      </Button>
                      <Button variant="ghost" onClick={() => update.mutate({ id: u.id, active: !u.active })}>
                        {u.active ? "Deactivate" : "Reactivate"}
                      </Button>
                      {u.active ? (
                        <Button
                          variant="ghost"
                          disabled={resetLink.isPending}
                          onClick={() => resetLink.mutate(u)}
                          aria-label={`Reset link for ${u.email}`}
                        >
                          Reset link
                        </Button>
                      ) : null}
                      <Button variant="ghost" onClick={() => remove.ask(u)} aria-label={`Delete ${u.email}`}>
                        Delete
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <ConfirmDialog {...remove.dialog} title="Delete user?" confirmLabel="Delete">
        <p>
          {remove.target?.email} will be deleted with their sessions and tokens. Only an account without work
          can be deleted; otherwise deactivate it.
        </p>
      </ConfirmDialog>
    </div>
  );
}
