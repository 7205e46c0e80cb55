"use client";

import { Loader2, LogOut } from "lucide-react";
import { createContext, type ReactNode, useContext, useState } from "react";
import { toast } from "sonner";

const PasswordSetContext = createContext(false);

/** Tells the sidebar whether the playground has a password (the root layout knows, the sidebar asks). */
export function PasswordSetProvider({ value, children }: { value: boolean; children: ReactNode }) {
  return <PasswordSetContext.Provider value={value}>{children}</PasswordSetContext.Provider>;
}

const entry =
  "flex h-8 w-full items-center gap-2 rounded-md px-2 text-[13px] text-sidebar-foreground/80 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground";

/** "Sign out": only with a password (without one there is no session to end). */
export function SignOutButton() {
  const passwordSet = useContext(PasswordSetContext);
  const [pending, setPending] = useState(false);
  if (!passwordSet) return null;
  const signOut = async () => {
    setPending(true);
    const res = await fetch("/api/auth/logout", { method: "POST" }).catch(() => null);
    if (!res?.ok) {
      setPending(false);
      toast.error("Could not sign out: the server is unreachable");
      return;
    }
    // A full load: nothing of the signed-in pages stays in the client's router cache.
    window.location.assign("/login");
  };
  return (
    <button type="button" className={entry} disabled={pending} onClick={signOut}>
      {pending ? <Loader2 aria-hidden className="animate-spin" /> : <LogOut aria-hidden />}
      Sign out
    </button>
  );
}
