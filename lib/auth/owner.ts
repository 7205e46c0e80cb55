import "server-only";

/**
 * The owner every conversation query is scoped by. This is a single-user, self-hosted app with no login
 * yet, so every request belongs to the local owner; when authentication lands, only this function changes.
 */
export const LOCAL_OWNER = "local";

export function getOwnerId(): string {
  return LOCAL_OWNER;
}
