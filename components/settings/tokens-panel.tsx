"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { ConfirmDialog, useConfirmedMutation } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SelectField } from "@/components/ui/field";
import { fieldErrors, FormErrorAlert } from "@/components/ui/form-error";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api } from "@/lib/client/fetcher";

type Scope = "read" | "write";

interface TokenDto {
  id: string;
  name: string;
  prefix: string;
  scope: Scope;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  user: { id: string; name: string; email: string };
}

const tokenKeys = {
  all: ["tokens"] as const,
  mine: () => [...tokenKeys.all, "mine"] as const,
  everyone: () => [...tokenKeys.all, "everyone"] as const,
};

const SCOPES: { value: Scope; label: string }[] = [
  { value: "write", label: "Read & write" },
  { value: "read", label: "Read-only" },
];
const EXPIRIES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

const expiresAtFor = (choice: string): string | null =>
  choice === "never" ? null : new Date(Date.now() + Number(choice) * 86_400_000).toISOString();

const isExpired = (t: TokenDto) => t.expiresAt !== null && new Date(t.expiresAt).getTime() <= Date.now();

function TokenStatus({ token }: { token: TokenDto }) {
  if (token.revokedAt) return <span className="text-slate-500">Revoked</span>;
  if (isExpired(token)) return <span className="text-amber-700">Expired {formatDate(token.expiresAt)}</span>;
  return (
    <span className="text-slate-500">
      {token.expiresAt ? `expires ${formatDate(token.expiresAt)}` : "never expires"}
    </span>
  );
}

function ScopeBadge({ scope }: { scope: Scope }) {
  return (
    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
      {scope === "read" ? "read-only" : "read & write"}
    </span>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<Scope>("write");
  const [expiry, setExpiry] = useState("90");
  const create = useMutation({
    mutationFn: () =>
      api<TokenDto & { token: string }>("/api/tokens", {
        method: "POST",
        body: { name, scope, expiresAt: expiresAtFor(expiry) },
      }),
    onSuccess: (t) => {
      onCreated(t.token);
      setName("");
      void qc.invalidateQueries({ queryKey: tokenKeys.all });
    },
  });
  const fieldError = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5"
      aria-label="Create token"
    >
      <div className="flex flex-wrap items-start gap-3">
        <Field
          label="Token name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. GitHub Actions"
          error={fieldError("name")}
          className="min-w-64 flex-1"
        />
        <SelectField
          label="Access"
          value={scope}
          onChange={(e) => setScope(e.target.value as Scope)}
          hint={
            scope === "read" ? "Reads reports; cannot upload or change anything." : "Uploads snapshots too."
          }
        >
          {SCOPES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Expires after"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          error={fieldError("expiresAt")}
        >
          {EXPIRIES.map((x) => (
            <option key={x.value} value={x.value}>
              {x.label}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="mt-6" disabled={create.isPending}>
          Create token
        </Button>
      </div>
      <FormErrorAlert error={create.error} />
    </form>
  );
}

function AllTokens({ onRevoke }: { onRevoke: (t: TokenDto) => void }) {
  const tokens = useQuery({
    queryKey: tokenKeys.everyone(),
    queryFn: () => api<{ tokens: TokenDto[] }>("/api/tokens?user=all").then((r) => r.tokens),
  });
  return (
    <Card title="All users’ tokens">
      {tokens.isPending ? <p className="text-sm text-slate-500">Loading tokens…</p> : null}
      {tokens.error ? <Alert tone="error">Could not load tokens: {tokens.error.message}</Alert> : null}
      {tokens.data?.length === 0 ? <EmptyState title="Nobody has created a token yet" /> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <Table aria-label="All users’ tokens">
          <TableHead
            columns={["Owner", "Token", "Access", "Last used", "Status"]}
            actions="Actions"
            cellClassName="px-3 py-2"
          />
          <TableBody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td className="px-3 py-2">
                  {t.user.name} <span className="text-slate-500">({t.user.email})</span>
                </td>
                <td className="px-3 py-2">
                  {t.name} <code className="text-xs text-slate-500">{t.prefix}…</code>
                </td>
                <td className="px-3 py-2">
                  <ScopeBadge scope={t.scope} />
                </td>
                <td className="px-3 py-2 text-slate-600">{formatDate(t.lastUsedAt)}</td>
                <td className="px-3 py-2">
                  <TokenStatus token={t} />
                </td>
                <td className="px-3 py-2 text-right">
                  {t.revokedAt ? null : (
                    <Button
                      variant="ghost"
                      onClick={() => onRevoke(t)}
                      aria-label={`Revoke ${t.name} of ${t.user.email}`}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Card>
  );
}

export function TokensPanel({ isAdmin }: { isAdmin: boolean }) {
  const qc = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({
    queryKey: tokenKeys.mine(),
    queryFn: () => api<{ tokens: TokenDto[] }>("/api/tokens").then((r) => r.tokens),
  });
  const revoke = useConfirmedMutation({
    mutationFn: (t: TokenDto) => api(`/api/tokens/${t.id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Personal API tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          For CI: send <code>Authorization: Bearer &lt;token&gt;</code> to upload snapshots or read reports. A
          token acts as you.
        </p>
      </div>
      <CreateTokenForm onCreated={setSecret} />
      {secret ? (
        <Alert tone="success">
          <p className="font-medium">Copy your new token now — it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="min-w-0 flex-1 font-mono text-xs break-all" data-testid="new-token">
              {secret}
            </code>
            <CopyButton text={secret} label="Copy token" />
          </div>
        </Alert>
      ) : null}
      {revoke.mutation.error && !revoke.target ? (
        <Alert tone="error">{revoke.mutation.error.message}</Alert>
      ) : null}
      {tokens.error ? <Alert tone="error">Could not load tokens: {tokens.error.message}</Alert> : null}
      {tokens.data?.length === 0 ? <EmptyState title="No tokens yet" /> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          aria-label="Tokens"
        >
          {tokens.data.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-4 px-4 py-3 text-sm">
              <span className="font-medium">{t.name}</span>
              <code className="text-xs text-slate-500">{t.prefix}…</code>
              <ScopeBadge scope={t.scope} />
              <span className="text-slate-500">
                created {formatDate(t.createdAt)} · last used {formatDate(t.lastUsedAt)}
              </span>
              <span className="ml-auto">
                <TokenStatus token={t} />
              </span>
              {/* Your own token: revoked at once (a new one is a click away). */}
              {t.revokedAt ? null : (
                <Button variant="secondary" onClick={() => revoke.mutation.mutate(t)}>
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {isAdmin ? <AllTokens onRevoke={revoke.ask} /> : null}
      <ConfirmDialog {...revoke.dialog} title="Revoke token?" confirmLabel="Revoke">
        <p>
          “{revoke.target?.name}” of {revoke.target?.user.email} stops working at once; anything using it (a
          CI job, say) will get 401 until its owner creates a new one.
        </p>
      </ConfirmDialog>
    </div>
  );
}
