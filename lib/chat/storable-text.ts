/**
 * Text as the database can store it: PostgreSQL's text type refuses U+0000 (SQLite keeps it), so a NUL in a
 * model's output or a message would fail the write of the whole answer. It becomes U+FFFD, the replacement
 * character, on both dialects and in what the page is sent, so the page shows what is stored.
 */
export function storableText(s: string): string {
  return s.includes("\u0000") ? s.replaceAll("\u0000", "\uFFFD") : s;
}
