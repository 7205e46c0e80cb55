import { cookies } from "next/headers";
import { isOwnerVisit } from "@/lib/auth/session";
import { ForkButton } from "./fork-button";

/**
 * The owner's "Open a copy" on a share page. With a password, a visitor without a session is not the owner:
 * the button is not shown (and POST /api/shares/:token/fork answers 401 for them anyway).
 */
export async function OpenCopyButton({ token }: { token: string }) {
  if (!isOwnerVisit(await cookies())) return null;
  return <ForkButton token={token} />;
}
