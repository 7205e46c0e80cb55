import { isHttpsRequest } from "@/lib/auth/session";
import { sessionCookie } from "@/lib/auth/session-token";

export const dynamic = "force-dynamic";

/** Sign out: the browser forgets the session cookie. */
export async function POST(req: Request): Promise<Response> {
  return new Response(null, {
    status: 204,
    headers: {
      "set-cookie": sessionCookie("", { secure: isHttpsRequest(req.headers) }),
      "cache-control": "no-store",
    },
  });
}
