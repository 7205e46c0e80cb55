export interface LimiterOptions {
  /** failed attempts allowed per client within the window */
  perClient: number;
  /** failed attempts allowed from all clients together within the window (see below) */
  overall: number;
  windowMs: number;
  /** clients remembered at most; the oldest are forgotten first */
  maxClients: number;
}

const LOGIN_LIMITS: LimiterOptions = {
  perClient: 10,
  overall: 100,
  windowMs: 60_000,
  maxClients: 10_000,
};

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Failed sign-ins in a sliding window, per client address. The overall cap bounds guessing by a client that
 * can pick its address (X-Forwarded-For is the client's own header unless a trusted proxy sets it): at worst
 * it delays the owner's sign-in by a minute, it never lets more guesses through.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private overall: number[] = [];

  constructor(
    private readonly options: LimiterOptions = LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `client` may try a password now; when not, how many seconds until it may. */
  check(client: string): LimitVerdict {
    const now = this.now();
    const recent = this.prune(client, now);
    this.overall = this.overall.filter((t) => t > now - this.options.windowMs);
    // The window reopens when the oldest of the last N failures leaves it.
    const oldest: number[] = [];
    if (recent.length >= this.options.perClient) oldest.push(recent[recent.length - this.options.perClient]);
    if (this.overall.length >= this.options.overall) {
      oldest.push(this.overall[this.overall.length - this.options.overall]);
    }
    if (oldest.length === 0) return { allowed: true };
    const reopensAt = Math.max(...oldest) + this.options.windowMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((reopensAt - now) / 1000)) };
  }

  fail(client: string): void {
    const now = this.now();
    const recent = this.prune(client, now);
    recent.push(now);
    this.failures.delete(client); // re-insert: the Map's order is least recently failed first
    this.failures.set(client, recent);
    this.overall.push(now);
    while (this.failures.size > this.options.maxClients) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }

  private prune(client: string, now: number): number[] {
    const recent = (this.failures.get(client) ?? []).filter((t) => t > now - this.options.windowMs);
    if (recent.length === 0) this.failures.delete(client);
    return recent;
  }
}
