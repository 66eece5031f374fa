"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NewPasswordFields, useNewPassword } from "@/components/auth/new-password-fields";
import { Field } from "@/components/ui/field";
import { fieldErrors, FormErrorAlert } from "@/components/ui/form-error";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api } from "@/lib/client/fetcher";

interface SessionDto {
  publicId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
  ip: string;
  method: string;
  current: boolean;
}

const accountKeys = { sessions: ["me", "sessions"] as const };

export function AccountPanel({
  email,
  hasPassword,
  passwordChangedAt,
}: {
  email: string;
  hasPassword: boolean;
  passwordChangedAt: string | null;
}) {
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Account</h1>
        <p className="mt-1 text-sm text-slate-600">Signed in as {email}.</p>
      </div>
      {hasPassword ? (
        <PasswordForm email={email} passwordChangedAt={passwordChangedAt} />
      ) : (
        <Alert>This account signs in through your identity provider; it has no password here.</Alert>
      )}
      <SessionsTable />
    </div>
  );
}

function PasswordForm({ email, passwordChangedAt }: { email: string; passwordChangedAt: string | null }) {
  const qc = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState("");
  const password = useNewPassword();
  const change = useMutation({
    mutationFn: () =>
      api<{ revokedSessions: number }>("/api/me/password", {
        method: "POST",
        body: { currentPassword, newPassword: password.newPassword },
      }),
    onSuccess: () => {
      setCurrentPassword("");
      password.clear();
      void qc.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });
  const fieldError = fieldErrors(change.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.confirmed()) change.mutate();
  };
  return (
    <section aria-labelledby="password-heading" className="flex flex-col gap-3">
      <h2 id="password-heading" className="text-lg font-semibold">
        Password
      </h2>
      <p className="text-sm text-slate-600">
        Last changed {formatDate(passwordChangedAt)}. Changing it signs out your other sessions.
      </p>
      <form
        onSubmit={submit}
        aria-label="Change password"
        className="grid max-w-md gap-3 rounded-lg border bg-white p-5"
        noValidate
      >
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" autoComplete="username" value={email} readOnly hidden />
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={fieldError("currentPassword")}
          required
        />
        <NewPasswordFields
          {...password.fields}
          mismatchMessage="The two new passwords differ."
          error={fieldError("newPassword")}
        />
        <FormErrorAlert error={change.error} unreachable />
        {change.data ? (
          <Alert tone="success">
            Password changed.{" "}
            {change.data.revokedSessions === 1
              ? "1 other session was signed out."
              : `${change.data.revokedSessions} other sessions were signed out.`}
          </Alert>
        ) : null}
        <Button type="submit" disabled={change.isPending} className="justify-self-start">
          Change password
        </Button>
      </form>
    </section>
  );
}

function SessionsTable() {
  const qc = useQueryClient();
  const sessions = useQuery({
    queryKey: accountKeys.sessions,
    queryFn: () => api<{ sessions: SessionDto[] }>("/api/me/sessions").then((r) => r.sessions),
  });
  const revoke = useMutation({
    mutationFn: (publicId: string) => api(`/api/me/sessions/${publicId}`, { method: "DELETE" }),
    onSettled: () => void qc.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
  return (
    <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Sessions
      </h2>
      <p className="text-sm text-slate-600">
        Browsers signed in to your account. Sign out any you do not recognise, then change your password.
      </p>
      {sessions.error ? <Alert tone="error">{sessions.error.message}</Alert> : null}
      {revoke.error ? <Alert tone="error">{revoke.error.message}</Alert> : null}
      {sessions.data ? (
        <Table className="rounded-lg border bg-white" aria-labelledby="sessions-heading" label="Sessions">
          <TableHead columns={["Browser", "Address", "Signed in", "Last active"]} actions="Actions" />
          <TableBody>
            {sessions.data.map((s) => (
              <tr key={s.publicId}>
                <td className="max-w-xs truncate px-4 py-2" title={s.userAgent}>
                  {s.userAgent || "Unknown browser"}
                  {s.method === "oidc" ? (
                    <span className="ml-2 text-xs text-slate-500">(single sign-on)</span>
                  ) : null}
                </td>
                <td className="px-4 py-2">{s.ip || "—"}</td>
                <td className="px-4 py-2">{formatDate(s.createdAt)}</td>
                <td className="px-4 py-2">{formatDate(s.lastSeenAt)}</td>
                <td className="px-4 py-2 text-right whitespace-nowrap">
                  {s.current ? (
                    <span className="text-xs font-medium text-emerald-700">This session</span>
                  ) : (
                    <Button
                      variant="secondary"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(s.publicId)}
                      aria-label={`Sign out session from ${s.userAgent || "unknown browser"}, last active ${formatDate(s.lastSeenAt)}`}
                    >
                      Sign out
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}
