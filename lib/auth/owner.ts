import "server-only";

/**
 * The owner every conversation query is scoped by. One password means one user: a request that reaches a
 * route got past proxy.ts, which demands a session when PLAYGROUND_PASSWORD is set, so it is the owner's.
 * Pages anyone may see (share pages) ask lib/auth/session isOwnerVisit instead.
 */
export const LOCAL_OWNER = "local";

export function getOwnerId(): string {
  return LOCAL_OWNER;
}
