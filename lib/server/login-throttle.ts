// The sign-in throttle (lib/domain/login-throttle.ts) on the database counters, and the "known
// device" tokens that exempt a browser from the account-wide limit.
//
// A device token is `<user id>.<nonce>.<mac>`, set on every successful password sign-in (OWASP's
// device cookie). The MAC is HMAC-SHA256 keyed with the account's current password hash: it needs no
// new secret or table, no one without the database can forge it, and changing the password revokes
// every device token of the account. The nonce names the device's own failure counter.
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { throttledSignIn, type Counters } from "@/lib/domain/login-throttle";
import { db } from "./db";
import { hit, release, reset } from "./rate-limits";

export const DEVICE_COOKIE = "kr_device";
export const DEVICE_DAYS = 365;

const ZDeviceToken = z
  .string()
  .regex(/^[\w-]{1,64}\.[\w-]{22}\.[\w-]{43}$/)
  .transform((token) => {
    const [userId = "", nonce = "", mac = ""] = token.split(".");
    return { userId, nonce, mac };
  });

const mac = (passwordHash: string, userId: string, nonce: string) =>
  createHmac("sha256", passwordHash).update(`kubeready-device:${userId}.${nonce}`).digest("base64url");

const dbCounters: Counters = { hit, release, reset };

/** A new device token for the account, or null if it signs in without a password. */
export async function issueDeviceToken(userId: string): Promise<string | null> {
  const user = await (await db()).user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user?.passwordHash) return null;
  const nonce = randomBytes(16).toString("base64url");
  return `${userId}.${nonce}.${mac(user.passwordHash, userId, nonce)}`;
}

/** The device id when `token` was issued to the account with this email (and its password since), else null. */
export async function knownDevice(email: string, token: string | undefined): Promise<string | null> {
  const parsed = ZDeviceToken.safeParse(token);
  if (!parsed.success) return null;
  const { userId, nonce, mac: given } = parsed.data;
  const user = await (
    await db()
  ).user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, passwordHash: true } });
  if (!user?.passwordHash || user.id !== userId) return null;
  const expected = Buffer.from(mac(user.passwordHash, userId, nonce));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? nonce : null;
}

export interface SignInRequest {
  email: string;
  /** From `clientAddress`; null when it cannot be known. */
  address: string | null;
  /** The DEVICE_COOKIE value the browser sent, if any. */
  deviceToken?: string;
}

/** Runs `verify` (the password check) under the sign-in limits; throws "rate-limited" when over one. */
export async function throttleSignIn<T>(
  request: SignInRequest,
  verify: () => Promise<T | null>,
  now = new Date(),
): Promise<T | null> {
  const device = await knownDevice(request.email, request.deviceToken);
  return throttledSignIn(dbCounters, { email: request.email, address: request.address, device }, verify, now);
}
