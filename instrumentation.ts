// Runs once when the server starts, before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so that nothing logged afterwards (start-up included) can carry a configured key.
    const { providerRedactor } = await import("./lib/ai/providers");
    const { redactConsole } = await import("./lib/security/redact-console");
    redactConsole(console, providerRedactor());
    // Open the database (applying pending migrations) now, not on the first request.
    const { openAppDb } = await import("./lib/db");
    await openAppDb();
    const { startProviderConfigRefresh } = await import("./lib/ai/provider-registry");
    await startProviderConfigRefresh();
  }
}
