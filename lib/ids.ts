/**
 * A new id for a conversation, comparison or column: 32 hex digits, which the API's id schema accepts.
 * From crypto.getRandomValues, which browsers also offer on plain-http origins (a LAN address), unlike
 * crypto.randomUUID; and without the AI SDK, whose generateId would bring its utilities into every page.
 */
export function generateId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}
