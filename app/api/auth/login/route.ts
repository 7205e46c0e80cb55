import { z } from "zod";
import { LoginLimiter } from "@/lib/auth/login-limiter";
import { currentSessionKey, isHttpsRequest } from "@/lib/auth/session";
import { createSessionToken, passwordMatches, sessionCookie } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { errorResponse, parseJsonBody } from "@/lib/errors";
import { clientAddress } from "@/lib/http";

export const dynamic = "force-dynamic";

const loginSchema = z.object({ password: z.string().min(1, "Enter the password").max(1024) });

// One per server process: failed attempts are counted where they are checked.
const limiter = new LoginLimiter();

const refusal = (status: number, code: string, message: string, headers?: Record<string, string>) =>
  Response.json({ error: { code, message, field: "password" } }, { status, headers });

/** Sign in with PLAYGROUND_PASSWORD: a session cookie on success, at most 10 failures a minute per client. */
export async function POST(req: Request): Promise<Response> {
  try {
    const { PLAYGROUND_PASSWORD, TRUST_PROXY } = env();
    const key = currentSessionKey();
    if (!PLAYGROUND_PASSWORD || !key) {
      return refusal(404, "not_found", "This playground has no password: there is nothing to sign in to");
    }
    const client = clientAddress(req.headers, TRUST_PROXY);
    const verdict = limiter.check(client);
    if (!verdict.allowed) {
      return refusal(
        429,
        "rate_limited",
        `Too many failed sign-ins. Try again in ${verdict.retryAfterSeconds} seconds.`,
        { "retry-after": String(verdict.retryAfterSeconds) },
      );
    }
    const { password } = await parseJsonBody(req, loginSchema);
    if (!passwordMatches(password, PLAYGROUND_PASSWORD)) {
      limiter.fail(client);
      return refusal(401, "wrong_password", "Wrong password");
    }
    limiter.succeed(client);
    return new Response(null, {
      status: 204,
      headers: {
        "set-cookie": sessionCookie(createSessionToken(key), { secure: isHttpsRequest(req.headers) }),
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
