"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors, FormErrorAlert } from "@/components/ui/form-error";
import { api } from "@/lib/client/fetcher";

/** Sign-in and first-run setup share one form; setup also asks for a name. */
export function CredentialsForm({ mode }: { mode: "login" | "setup" }) {
  const router = useRouter();
  const [form, setForm] = useState({ email: "", name: "", password: "" });
  const mutation = useMutation({
    mutationFn: () =>
      api(mode === "login" ? "/api/auth/login" : "/api/setup", {
        method: "POST",
        body: mode === "login" ? { email: form.email, password: form.password } : form,
      }),
    onSuccess: () => {
      router.replace("/assessments");
      router.refresh();
    },
  });
  const fieldError = fieldErrors(mutation.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <FormErrorAlert error={mutation.error} unreachable />
      {mode === "setup" ? (
        <Field
          label="Your name"
          autoComplete="name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={fieldError("name")}
          required
        />
      ) : null}
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
        error={fieldError("email")}
        required
      />
      <Field
        label="Password"
        type="password"
        autoComplete={mode === "login" ? "current-password" : "new-password"}
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
        error={fieldError("password")}
        hint={
          mode === "setup"
            ? "At least 12 characters; not a common password, your name or your email."
            : undefined
        }
        required
      />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Please wait…" : mode === "login" ? "Sign in" : "Create administrator"}
      </Button>
    </form>
  );
}
