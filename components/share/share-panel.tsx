"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { assessmentKeys } from "@/components/assessments/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ConfirmDialog, useConfirmedMutation } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate } from "@/components/ui/format";
import { api } from "@/lib/client/fetcher";

interface LinkDto {
  id: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  viewCount: number;
  createdBy: { name: string };
}

export function SharePanel({ assessmentId }: { assessmentId: string }) {
  const qc = useQueryClient();
  const [expiry, setExpiry] = useState<string>("");
  const [label, setLabel] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const links = useQuery({
    queryKey: assessmentKeys.shareLinks(assessmentId),
    queryFn: () =>
      api<{ links: LinkDto[] }>(`/api/assessments/${assessmentId}/share-links`).then((r) => r.links),
  });
  const create = useMutation({
    mutationFn: () =>
      api<{ link: LinkDto & { url: string } }>(`/api/assessments/${assessmentId}/share-links`, {
        method: "POST",
        body: { expiresInDays: expiry ? Number(expiry) : null, label: label.trim() || null },
      }),
    onSuccess: (r) => {
      setCreated(r.link.url);
      setLabel("");
      void qc.invalidateQueries({ queryKey: assessmentKeys.shareLinks(assessmentId) });
    },
  });
  const revoke = useConfirmedMutation({
    mutationFn: (l: LinkDto) => api(`/api/share-links/${l.id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: assessmentKeys.shareLinks(assessmentId) }),
  });

  return (
    <div className="flex flex-col gap-6">
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-base font-semibold">Share the report</h2>
        <p className="mt-1 text-sm text-slate-600">
          Anyone with the link can read the report — no account needed, no editing, no other assessments.
          Revoke it at any time.
        </p>
        <div className="mt-4 flex flex-wrap items-end gap-3">
          <label className="flex min-w-0 flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">Label (optional)</span>
            <input
              value={label}
              maxLength={80}
              onChange={(e) => setLabel(e.target.value)}
              placeholder="e.g. auditors, CTO review"
              className="rounded-md border border-slate-300 px-3 py-2"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700">Expires</span>
            <select
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
              className="rounded-md border border-slate-300 px-3 py-2"
            >
              <option value="">Never</option>
              <option value="7">In 7 days</option>
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
            </select>
          </label>
          <Button onClick={() => create.mutate()} disabled={create.isPending}>
            Create share link
          </Button>
        </div>
        {create.error ? <Alert tone="error">{create.error.message}</Alert> : null}
        {created ? (
          <div className="mt-4 rounded-md bg-emerald-50 p-4">
            <p className="text-sm font-medium text-emerald-900">
              Link created. Copy it now: for your security we only keep a fingerprint of it.
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              <input
                readOnly
                value={created}
                aria-label="Share link"
                onFocus={(e) => e.target.select()}
                className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
              />
              <CopyButton key={created} text={created} />
            </div>
          </div>
        ) : null}
      </div>
      <section aria-labelledby="links-heading">
        <h2 id="links-heading" className="mb-3 text-lg font-semibold">
          Links
        </h2>
        {links.isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
        {links.error ? <Alert tone="error">{links.error.message}</Alert> : null}
        {links.data?.length === 0 ? <EmptyState title="No share links yet" /> : null}
        {links.data && links.data.length > 0 ? (
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            aria-label="Share links"
          >
            {links.data.map((l) => {
              const expired = l.expiresAt !== null && new Date(l.expiresAt) < new Date();
              const state = l.revokedAt ? "Revoked" : expired ? "Expired" : "Active";
              return (
                <li key={l.id} className="flex flex-wrap items-center gap-4 px-4 py-3 text-sm">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${state === "Active" ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-600"}`}
                  >
                    {state}
                  </span>
                  {l.label ? <span className="font-medium break-all">{l.label}</span> : null}
                  <span>
                    Created {formatDate(l.createdAt)} by {l.createdBy.name}
                  </span>
                  <span className="text-slate-500">
                    {l.expiresAt ? `expires ${formatDate(l.expiresAt)}` : "no expiry"} · {l.viewCount} view
                    {l.viewCount === 1 ? "" : "s"}
                  </span>
                  {state === "Active" ? (
                    <Button
                      variant="secondary"
                      className="ml-auto"
                      onClick={() => revoke.ask(l)}
                      aria-label={`Revoke ${l.label ? `“${l.label}”` : `link created ${formatDate(l.createdAt)}`}`}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>
      <ConfirmDialog {...revoke.dialog} title="Revoke share link?" confirmLabel="Revoke">
        <p>
          {revoke.target?.label ? `“${revoke.target.label}”, created` : "The link created"}{" "}
          {formatDate(revoke.target?.createdAt)} by {revoke.target?.createdBy.name}, stops working at once for
          everyone who has it. This cannot be undone; create a new link to share again.
        </p>
      </ConfirmDialog>
    </div>
  );
}
