"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { api, ApiError } from "@/lib/client/fetcher";

interface TokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const tokenKeys = { list: ["tokens"] as const };

export function TokensPanel() {
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({
    queryKey: tokenKeys.list,
    queryFn: () => api<{ tokens: TokenDto[] }>("/api/tokens").then((r) => r.tokens),
  });
  const create = useMutation({
    mutationFn: () => api<TokenDto & { token: string }>("/api/tokens", { method: "POST", body: { name } }),
    onSuccess: (t) => {
      setSecret(t.token);
      setName("");
      void qc.invalidateQueries({ queryKey: tokenKeys.list });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: tokenKeys.list }),
  });
  const err = create.error instanceof ApiError ? create.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Personal API tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          For CI: send <code>Authorization: Bearer &lt;token&gt;</code> to upload snapshots or read reports. A
          token acts as you.
        </p>
      </div>
      <form onSubmit={submit} className="flex flex-wrap items-start gap-3 rounded-lg border bg-white p-5">
        <Field
          label="Token name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. GitHub Actions"
          error={err?.errors.find((x) => x.path === "name")?.message}
          className="min-w-64 flex-1"
        />
        <Button type="submit" className="mt-6" disabled={create.isPending}>
          Create token
        </Button>
      </form>
      {secret ? (
        <Alert tone="success">
          <p className="font-medium">Copy your new token now — it will not be shown again.</p>
          <code className="mt-2 block font-mono text-xs break-all" data-testid="new-token">
            {secret}
          </code>
        </Alert>
      ) : null}
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
              <span className="text-slate-500">
                created {formatDate(t.createdAt)} · last used {formatDate(t.lastUsedAt)}
              </span>
              {t.revokedAt ? (
                <span className="ml-auto text-slate-500">Revoked</span>
              ) : (
                <Button variant="secondary" className="ml-auto" onClick={() => revoke.mutate(t.id)}>
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
