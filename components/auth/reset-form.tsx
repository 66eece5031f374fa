"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/fetcher";

/** New password + confirmation for a one-time reset link; then on to sign in. */
export function ResetForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [form, setForm] = useState({ newPassword: "", confirm: "" });
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: () =>
      api("/api/auth/reset", { method: "POST", body: { token, newPassword: form.newPassword } }),
    onSuccess: () => router.replace("/login?reset=done"),
  });
  const err = reset.error instanceof ApiError ? reset.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differs = form.newPassword !== form.confirm;
    setMismatch(differs);
    if (!differs) reset.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Reset password" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      {err && err.errors.length === 0 ? <Alert tone="error">{err.message}</Alert> : null}
      {reset.error && !err ? <Alert tone="error">Could not reach the server. Try again.</Alert> : null}
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        value={form.newPassword}
        onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
        error={err?.errors.find((e) => e.path === "newPassword")?.message}
        hint="At least 12 characters; not a common password, your name or your email."
        required
      />
      <Field
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={form.confirm}
        onChange={(e) => setForm({ ...form, confirm: e.target.value })}
        error={mismatch ? "The two passwords differ." : undefined}
        required
      />
      <Button type="submit" disabled={reset.isPending || reset.isSuccess}>
        {reset.isPending ? "Please wait…" : "Set new password"}
      </Button>
    </form>
  );
}
