// Assertions shared by the integration tests.
import { expect } from "vitest";
import { AppError } from "@/lib/domain/errors";

/** Awaits a promise that must reject with an AppError of this code, and returns that error. */
export async function rejects(promise: Promise<unknown>, code: string): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}
