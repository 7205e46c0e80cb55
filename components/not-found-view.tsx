import Link from "next/link";

export function NotFoundView({ title, detail }: { title: string; detail: string }) {
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="font-mono text-muted-foreground text-sm">404</p>
      <h1 className="font-semibold text-xl tracking-tight">{title}</h1>
      <p className="max-w-sm text-muted-foreground text-sm">{detail}</p>
      <Link
        href="/"
        className="mt-2 inline-flex h-9 items-center rounded-md bg-primary px-4 font-medium text-primary-foreground text-sm outline-none hover:bg-primary/90 focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        Start a conversation
      </Link>
    </main>
  );
}
