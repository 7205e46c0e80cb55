"use client";

import { LogOut } from "lucide-react";
import { createContext, type ReactNode, useContext } from "react";

const PasswordSetContext = createContext(false);

/** Tells the sidebar whether the playground has a password (the root layout knows, the sidebar asks). */
export function PasswordSetProvider({ value, children }: { value: boolean; children: ReactNode }) {
  return <PasswordSetContext.Provider value={value}>{children}</PasswordSetContext.Provider>;
}

const entry =
  "flex h-8 w-full items-center gap-2 rounded-md px-2 text-[13px] text-sidebar-foreground/80 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground";

/**
 * "Sign out": only with a password (without one there is no session to end). A plain form post, not a
 * fetch: it works before hydration, and the full load that follows leaves nothing of the signed-in pages
 * in the client's router cache.
 */
export function SignOutButton() {
  const passwordSet = useContext(PasswordSetContext);
  if (!passwordSet) return null;
  return (
    <form action="/api/auth/logout" method="post">
      <button type="submit" className={entry}>
        <LogOut aria-hidden />
        Sign out
      </button>
    </form>
  );
}
