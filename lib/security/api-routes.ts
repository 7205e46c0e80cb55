/**
 * Every API route and the methods its route.ts exports. The request guard answers a known path with a
 * wrong method with a JSON 405 and an `Allow` header (Next would send an empty 405). A unit test compares
 * this table with the exports of every app/api/**\/route.ts, so it cannot drift.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export const API_ROUTES: Readonly<Record<string, readonly HttpMethod[]>> = {
  "/api/auth/login": ["POST"],
  "/api/auth/logout": ["POST"],
  "/api/blind/results": ["GET"],
  "/api/chat": ["POST"],
  "/api/chat/[id]/stop": ["POST"],
  "/api/chat/[id]/stream": ["GET"],
  "/api/comparisons": ["GET", "POST"],
  "/api/comparisons/[id]": ["GET", "PATCH", "DELETE"],
  "/api/comparisons/[id]/blind": ["GET", "POST"],
  "/api/comparisons/[id]/blind/reveal": ["POST"],
  "/api/comparisons/[id]/blind/votes": ["PUT"],
  "/api/comparisons/[id]/columns": ["POST"],
  "/api/comparisons/[id]/columns/[columnId]": ["PATCH", "DELETE"],
  "/api/comparisons/[id]/columns/[columnId]/continue": ["POST"],
  "/api/comparisons/[id]/export": ["GET"],
  "/api/comparisons/[id]/share": ["GET", "POST"],
  "/api/conversations": ["GET"],
  "/api/conversations/[id]": ["GET", "PATCH", "DELETE"],
  "/api/conversations/[id]/export": ["GET"],
  "/api/conversations/[id]/messages": ["GET"],
  "/api/conversations/[id]/messages/[messageId]": ["DELETE"],
  "/api/conversations/[id]/messages/[messageId]/versions": ["GET"],
  "/api/conversations/[id]/share": ["GET", "POST"],
  "/api/conversations/[id]/versions": ["POST"],
  "/api/conversations/import": ["POST"],
  "/api/health": ["GET"],
  "/api/offline/v1/chat/completions": ["POST"],
  "/api/offline/v1/models": ["GET"],
  "/api/presets": ["GET", "POST"],
  "/api/presets/[id]": ["PATCH", "DELETE"],
  "/api/probes": ["GET", "POST"],
  "/api/providers": ["GET"],
  "/api/search": ["GET"],
  "/api/settings/providers": ["GET", "POST"],
  "/api/settings/providers/[id]": ["PATCH", "DELETE"],
  "/api/settings/providers/[id]/check": ["POST"],
  "/api/shares": ["GET"],
  "/api/shares/[token]": ["PATCH", "DELETE"],
  "/api/shares/[token]/fork": ["POST"],
  "/api/view-code": ["GET", "POST"],
};

const isParam = (segment: string) => segment.startsWith("[") && segment.endsWith("]");

/**
 * The route pattern a path belongs to, as Next routes it: static segments win over `[param]` ones
 * (`/api/conversations/import` is not `/api/conversations/[id]`). Undefined for an unknown path.
 */
export function matchApiRoute(pathname: string): string | undefined {
  const parts = pathname.replace(/\/+$/, "").split("/");
  let best: { pattern: string; score: number } | undefined;
  for (const pattern of Object.keys(API_ROUTES)) {
    const segments = pattern.split("/");
    if (segments.length !== parts.length) continue;
    let score = 0;
    const matches = segments.every((s, i) => {
      if (isParam(s)) return parts[i] !== "";
      score += 1;
      return s === parts[i];
    });
    if (matches && (!best || score > best.score)) best = { pattern, score };
  }
  return best?.pattern;
}

/** The methods a route answers, as an `Allow` header lists them (HEAD and OPTIONS are Next's own). */
export function allowedMethods(pattern: string): string[] {
  const methods: string[] = [...(API_ROUTES[pattern] ?? [])];
  if (methods.includes("GET")) methods.push("HEAD");
  methods.push("OPTIONS");
  return methods;
}
