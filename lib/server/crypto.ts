// Password hashing (argon2id via @node-rs/argon2) and opaque tokens. Tokens are 256 random bits;
// only their sha256 is stored, so a database leak yields no usable session, API token or share link.
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const newToken = (prefix = "") => prefix + randomBytes(32).toString("base64url");

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

// A valid hash to verify against when the email is unknown, so timing doesn't reveal accounts.
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword("not-a-real-password-" + newToken()));
