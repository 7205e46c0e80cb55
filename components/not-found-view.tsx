import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export function NotFoundView({ title, detail }: { title: string; detail: string }) {
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="font-mono text-muted-foreground text-sm">404</p>
      <h1 className="font-semibold text-xl tracking-tight">{title}</h1>
      <p className="max-w-sm text-muted-foreground text-sm">{detail}</p>
      <Link href="/" className={buttonVariants({ className: "mt-2" })}>
        Start a conversation
      </Link>
    </main>
  );
}
