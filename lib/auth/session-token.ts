import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a session lasts; the expiry is inside the signed value, so the server enforces it too. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const SESSION_COOKIE = "sp_session";

/**
 * The signing key: the instance secret and the password together, so changing the password invalidates every
 * session already handed out.
 */
export function sessionKey(secret: string, password: string): Buffer {
  return createHmac("sha256", secret).update("speciale-session-v1\0").update(password).digest();
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/** `v1.<expiry, unix seconds>.<random id>.<HMAC>`: random per sign-in, unforgeable without the key. */
export function createSessionToken(key: Buffer, nowMs: number = Date.now()): string {
  const expires = Math.floor(nowMs / 1000) + SESSION_MAX_AGE_SECONDS;
  const payload = `v1.${expires}.${randomBytes(16).toString("base64url")}`;
  return `${payload}.${sign(key, payload)}`;
}

/** Whether `token` was signed with `key` and has not expired. Constant-time in the signature. */
export function verifySessionToken(
  key: Buffer,
  token: string | undefined,
  nowMs: number = Date.now(),
): boolean {
  if (!token || token.length > 200) return false;
  const cut = token.lastIndexOf(".");
  if (cut < 0) return false;
  const payload = token.slice(0, cut);
  const given = Buffer.from(token.slice(cut + 1));
  const expected = Buffer.from(sign(key, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const [version, expires] = payload.split(".");
  if (version !== "v1" || !/^\d+$/.test(expires ?? "")) return false;
  const expiresAt = Number(expires);
  const now = Math.floor(nowMs / 1000);
  // A validly signed value can only carry an expiry we chose, but never trust one further out than a session.
  return expiresAt > now && expiresAt <= now + SESSION_MAX_AGE_SECONDS;
}

/** Password check in constant time: both sides are hashed first, so neither length nor content leaks. */
export function passwordMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The Set-Cookie value of a session (or, with `value` empty, of its removal). */
export function sessionCookie(value: string, { secure }: { secure: boolean }): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    value ? `Max-Age=${SESSION_MAX_AGE_SECONDS}` : "Max-Age=0",
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
