// What the server said about a failed form submission: per-field messages and the rest.
import { ApiError } from "@/lib/client/fetcher";
import { Alert } from "./alert";

/** Field errors the server attached to a failed request, looked up by path ("name", "items.3.key"). */
export function fieldErrors(error: unknown): (path: string) => string | undefined {
  const errors = error instanceof ApiError ? error.errors : [];
  return (path) => errors.find((e) => e.path === path)?.message;
}

/**
 * The server's message when it names no field (a 409, say); messages about fields stand under the
 * controls instead. With `unreachable`, a request that got no answer from the server says so too.
 */
export function FormErrorAlert({ error, unreachable = false }: { error: unknown; unreachable?: boolean }) {
  if (error instanceof ApiError) {
    return error.errors.length === 0 ? <Alert tone="error">{error.message}</Alert> : null;
  }
  return error && unreachable ? <Alert tone="error">Could not reach the server. Try again.</Alert> : null;
}
