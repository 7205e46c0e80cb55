import { isHttpsRequest } from "@/lib/auth/session";
import { sessionCookie } from "@/lib/auth/session-token";

export const dynamic = "force-dynamic";

/**
 * Sign out: the browser forgets the session cookie. The sidebar's form posts here as a navigation (so it
 * works before the page is hydrated), which gets sent on to /login; API clients get a bare 204.
 */
export async function POST(req: Request): Promise<Response> {
  const navigation = req.headers.get("sec-fetch-mode") === "navigate";
  return new Response(null, {
    status: navigation ? 303 : 204,
    headers: {
      "set-cookie": sessionCookie("", { secure: isHttpsRequest(req.headers) }),
      "cache-control": "no-store",
      ...(navigation ? { location: "/login" } : {}),
    },
  });
}
