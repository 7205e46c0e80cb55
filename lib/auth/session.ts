import "server-only";
import { env } from "@/lib/env";
import { loadOrCreateSecret } from "./secret";
import { SESSION_COOKIE, sessionKey, verifySessionToken } from "./session-token";

let cachedKey: { password: string; key: Buffer } | undefined;

/** The session signing key, or undefined when no password is set (no sessions at all then). */
export function currentSessionKey(): Buffer | undefined {
  const { PLAYGROUND_PASSWORD: password, PLAYGROUND_SECRET, DATABASE_PATH } = env();
  if (!password) return undefined;
  if (cachedKey?.password !== password) {
    cachedKey = { password, key: sessionKey(loadOrCreateSecret(DATABASE_PATH, PLAYGROUND_SECRET), password) };
  }
  return cachedKey.key;
}

export function passwordRequired(): boolean {
  return env().PLAYGROUND_PASSWORD !== undefined;
}

/** Whether a session cookie's value is a valid, unexpired session of this instance's current password. */
export function isValidSession(token: string | undefined): boolean {
  const key = currentSessionKey();
  return key !== undefined && verifySessionToken(key, token);
}

/**
 * Whether the visitor acts as the owner: always without a password, else only with a session. For pages
 * that anyone may see (share pages) but whose owner controls must not show to visitors.
 */
export function isOwnerVisit(cookies: { get(name: string): { value: string } | undefined }): boolean {
  return !passwordRequired() || isValidSession(cookies.get(SESSION_COOKIE)?.value);
}

/** Served over https: said by PUBLIC_URL, or by a trusted reverse proxy. The session cookie is Secure then. */
export function isHttpsRequest(headers: Pick<Headers, "get">): boolean {
  const { PUBLIC_URL, TRUST_PROXY } = env();
  if (PUBLIC_URL?.startsWith("https:")) return true;
  return TRUST_PROXY && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
