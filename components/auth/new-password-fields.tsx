"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";

const empty = { newPassword: "", confirm: "" };
type NewPassword = typeof empty;

/** State for a new password typed twice. The confirmation is checked here only: the server never sees it. */
export function useNewPassword() {
  const [value, setValue] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  return {
    newPassword: value.newPassword,
    /** True when the two entries agree; otherwise the confirmation field says they differ. */
    confirmed: () => {
      const differs = value.newPassword !== value.confirm;
      setMismatch(differs);
      return !differs;
    },
    clear: () => setValue(empty),
    fields: { value, onChange: setValue, mismatch },
  };
}

export function NewPasswordFields({
  value,
  onChange,
  mismatch,
  mismatchMessage,
  error,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  mismatch: boolean;
  mismatchMessage: string;
  /** The server's objection to the new password. */
  error: string | undefined;
}) {
  return (
    <>
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        value={value.newPassword}
        onChange={(e) => onChange({ ...value, newPassword: e.target.value })}
        error={error}
        hint="At least 12 characters; not a common password, your name or your email."
        required
      />
      <Field
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={value.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.target.value })}
        error={mismatch ? mismatchMessage : undefined}
        required
      />
    </>
  );
}
