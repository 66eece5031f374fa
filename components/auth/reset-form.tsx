"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldErrors, FormErrorAlert } from "@/components/ui/form-error";
import { api } from "@/lib/client/fetcher";
import { NewPasswordFields, useNewPassword } from "./new-password-fields";

/** New password + confirmation for a one-time reset link; then on to sign in. */
export function ResetForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const password = useNewPassword();
  const reset = useMutation({
    mutationFn: () =>
      api("/api/auth/reset", { method: "POST", body: { token, newPassword: password.newPassword } }),
    onSuccess: () => router.replace("/login?reset=done"),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.confirmed()) reset.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Reset password" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <FormErrorAlert error={reset.error} unreachable />
      <NewPasswordFields
        {...password.fields}
        mismatchMessage="The two passwords differ."
        error={fieldErrors(reset.error)("newPassword")}
      />
      <Button type="submit" disabled={reset.isPending || reset.isSuccess}>
        {reset.isPending ? "Please wait…" : "Set new password"}
      </Button>
    </form>
  );
}
