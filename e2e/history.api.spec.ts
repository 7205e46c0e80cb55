import { importConversation } from "./app-api";
import { OFFLINE_APP_URL } from "./env";
import { expect, test } from "./fixtures";

// The app with no provider, whose sidebar no other spec reads (see history.spec.ts).
test.use({ baseURL: OFFLINE_APP_URL });

type List = { conversations: { id: string; title: string; updatedAt: number }[]; nextCursor: string | null };

test("GET /api/conversations pages by cursor; bad cursor and limit are 400s naming them", async ({
  request,
  uid,
}) => {
  for (let i = 0; i < 5; i++) await importConversation(request, `Paged ${uid} ${i}`, 1);
  const seen: List["conversations"] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await request.get(
      `/api/conversations?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status()).toBe(200);
    const page = (await res.json()) as List;
    expect(page.conversations.length).toBeLessThanOrEqual(2);
    seen.push(...page.conversations);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  // Every conversation exactly once, newest first across the pages.
  const mine = seen.map((c) => c.title).filter((t) => t.startsWith(`Paged ${uid} `));
  expect(mine.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Paged ${uid} ${i}`));
  expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
  const times = seen.map((c) => c.updatedAt);
  expect(times).toEqual([...times].sort((x, y) => y - x));

  for (const [query, field] of [
    ["cursor=nonsense", "cursor"],
    ["limit=0", "limit"],
    ["limit=500", "limit"],
    ["limit=abc", "limit"],
  ]) {
    const res = await request.get(`/api/conversations?${query}`);
    expect(res.status(), query).toBe(400);
    expect(((await res.json()) as { error: { field?: string } }).error.field, query).toBe(field);
  }
  expect((await request.get("/api/comparisons?limit=0")).status()).toBe(400);
  const comparisons = (await (await request.get("/api/comparisons?limit=1")).json()) as {
    nextCursor: unknown;
  };
  expect(comparisons).toHaveProperty("nextCursor");
});

test("GET /api/conversations/:id/messages gives the messages before one, oldest first", async ({
  request,
  uid,
}) => {
  const { id } = await importConversation(request, `Earlier ${uid}`, 5);
  const all = (await (await request.get(`/api/conversations/${id}`)).json()) as {
    messages: { id: string }[];
  };
  expect(all.messages).toHaveLength(10);
  const before = all.messages[7]?.id ?? "";
  const res = await request.get(`/api/conversations/${id}/messages?before=${before}&limit=3`);
  expect(res.status()).toBe(200);
  const page = (await res.json()) as { messages: { id: string }[]; hasEarlier: boolean };
  expect(page.messages.map((m) => m.id)).toEqual(all.messages.slice(4, 7).map((m) => m.id));
  expect(page.hasEarlier).toBe(true);
  const first = (await (
    await request.get(`/api/conversations/${id}/messages?before=${all.messages[2]?.id}`)
  ).json()) as { messages: unknown[]; hasEarlier: boolean };
  expect(first).toMatchObject({ hasEarlier: false });
  expect(first.messages).toHaveLength(2);

  const bad = await request.get(`/api/conversations/${id}/messages?before=not-a-message`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { field?: string } }).error.field).toBe("before");
  // Without `before`: the latest messages.
  const latest = (await (await request.get(`/api/conversations/${id}/messages?limit=4`)).json()) as {
    messages: { id: string }[];
    hasEarlier: boolean;
  };
  expect(latest.messages.map((m) => m.id)).toEqual(all.messages.slice(6).map((m) => m.id));
  expect(latest.hasEarlier).toBe(true);
  const empty = await request.get(`/api/conversations/${id}/messages?before=`);
  expect(empty.status()).toBe(400);
  expect(((await empty.json()) as { error: { field?: string } }).error.field).toBe("before");
  expect((await request.get(`/api/conversations/nope-${uid}/messages?before=x`)).status()).toBe(404);
});
