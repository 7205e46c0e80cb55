/**
 * The message of an API refusal (`{ error: { message } }`), or `fallback` (by default "HTTP <status>")
 * when the body is not that.
 */
export async function failureMessage(res: Response, fallback = `HTTP ${res.status}`): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? fallback;
}
