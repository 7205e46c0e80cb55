"use client";

import { CopyPlus, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { Button } from "@/components/ui/button";
import { useMounted } from "@/components/use-mounted";

/** "Open a copy": fork the snapshot into a new conversation (or comparison) and go there. */
export function ForkButton({ token }: { token: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  // Disabled until hydrated: a click on the server-rendered button would otherwise do nothing.
  const mounted = useMounted();
  const fork = async () => {
    setPending(true);
    const res = await fetch(`/api/shares/${encodeURIComponent(token)}/fork`, { method: "POST" }).catch(
      () => null,
    );
    if (!res?.ok) {
      setPending(false);
      toast.error(`Could not open a copy: ${res ? await failureMessage(res) : "server unreachable"}`);
      return;
    }
    const { url } = (await res.json()) as { url: string };
    router.push(url);
  };
  return (
    <Button size="sm" variant="outline" disabled={pending || !mounted} onClick={fork}>
      {pending ? <Loader2 className="animate-spin" /> : <CopyPlus />}
      Open a copy
    </Button>
  );
}
