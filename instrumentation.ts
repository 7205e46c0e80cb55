// Runs once when the server starts, before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Open the database (applying pending migrations) now, not on the first request, and read the providers
    // saved in Settings: on PostgreSQL nothing can read them before, and their keys are among those to redact.
    const { openAppDb } = await import("./lib/db");
    await openAppDb();
    const { startProviderConfigRefresh } = await import("./lib/ai/provider-registry");
    await startProviderConfigRefresh();
    // Then, before anything else, so that nothing logged afterwards can carry a configured key.
    const { providerRedactor } = await import("./lib/ai/providers");
    const { redactConsole } = await import("./lib/security/redact-console");
    redactConsole(console, providerRedactor());
  }
}
