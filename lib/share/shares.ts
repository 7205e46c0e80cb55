import "server-only";
import { randomBytes } from "node:crypto";
import { type Db, writeTransaction } from "@/db/client";
import * as sq from "@/db/queries/shares";
import type { ShareRow } from "@/db/schema";
import { getConversationView } from "@/lib/chat/conversations";
import { getComparisonView } from "@/lib/compare/comparisons";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { comparisonSnapshot, conversationSnapshot } from "./snapshot";
import type { ShareExpiry, ShareLink, ShareSnapshot } from "./types";

type Kind = ShareRow["kind"];

const DAY_MS = 86_400_000;
const EXPIRY_MS: Record<ShareExpiry, number | null> = {
  never: null,
  "1d": DAY_MS,
  "7d": 7 * DAY_MS,
  "30d": 30 * DAY_MS,
};

/** 192 bits from the CSPRNG, URL-safe; unrelated to any id. */
export function newShareToken(): string {
  return randomBytes(24).toString("base64url");
}

async function takeSnapshot(db: Db, ownerId: string, kind: Kind, targetId: string): Promise<ShareSnapshot> {
  if (kind === "conversation") {
    const v = await getConversationView(ownerId, targetId, db);
    if (!v) throw new AppError("not_found", "Conversation not found");
    return conversationSnapshot(v);
  }
  const v = await getComparisonView(ownerId, targetId, db);
  if (!v) throw new AppError("not_found", "Comparison not found");
  return comparisonSnapshot(v);
}

function statusOf(s: ShareRow, now = Date.now()): ShareLink["status"] {
  if (s.revokedAt) return "revoked";
  if (s.expiresAt && s.expiresAt <= now) return "expired";
  return "active";
}

function toLink(s: ShareRow, origin: string): ShareLink {
  return {
    token: s.token,
    url: `${origin}/share/${s.token}`,
    kind: s.kind,
    targetId: s.targetId,
    title: s.title,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    expiresAt: s.expiresAt,
    revokedAt: s.revokedAt,
    status: statusOf(s),
  };
}

export async function createShare(
  ownerId: string,
  kind: Kind,
  targetId: string,
  expiry: ShareExpiry,
  origin: string,
) {
  const db = getDb();
  // The snapshot's reads and the insert in one transaction: no answer can change in between.
  const row = await writeTransaction(db, async (tx) => {
    const snapshot = await takeSnapshot(tx, ownerId, kind, targetId);
    const now = Date.now();
    const ttl = EXPIRY_MS[expiry];
    return await sq.insertShare(tx, ownerId, {
      token: newShareToken(),
      kind,
      targetId,
      title: snapshot.title,
      snapshot: snapshot as unknown as Record<string, unknown>,
      createdAt: now,
      updatedAt: now,
      expiresAt: ttl === null ? null : now + ttl,
    });
  });
  return toLink(row, origin);
}

export async function listShareLinks(
  ownerId: string,
  origin: string,
  target?: { kind: Kind; id: string },
): Promise<ShareLink[]> {
  const db = getDb();
  const rows = target
    ? await sq.sharesOf(db, ownerId, target.kind, target.id)
    : await sq.listShares(db, ownerId);
  return rows.map((r) => toLink(r, origin));
}

async function ownedShare(db: Db, ownerId: string, token: string): Promise<ShareRow> {
  const s = await sq.getOwnedShare(db, ownerId, token);
  if (!s) throw new AppError("not_found", "Share link not found");
  return s;
}

/** Refresh the snapshot to the current state, keeping the URL; optionally change the expiry. */
export async function updateShareLink(
  ownerId: string,
  token: string,
  origin: string,
  expiry?: ShareExpiry,
): Promise<ShareLink> {
  const db = getDb();
  const row = await writeTransaction(db, async (tx) => {
    const s = await ownedShare(tx, ownerId, token);
    if (s.revokedAt) throw new AppError("invalid_request", "This link was revoked; create a new one");
    const snapshot = await takeSnapshot(tx, ownerId, s.kind, s.targetId);
    const now = Date.now();
    const ttl = expiry ? EXPIRY_MS[expiry] : undefined;
    return await sq.updateShare(tx, ownerId, token, {
      snapshot: snapshot as unknown as Record<string, unknown>,
      title: snapshot.title,
      updatedAt: now,
      ...(ttl !== undefined ? { expiresAt: ttl === null ? null : now + ttl } : {}),
    });
  });
  return toLink(row as ShareRow, origin);
}

export async function revokeShareLink(ownerId: string, token: string): Promise<void> {
  const db = getDb();
  await writeTransaction(db, async (tx) => {
    const s = await ownedShare(tx, ownerId, token);
    if (!s.revokedAt) await sq.updateShare(tx, ownerId, token, { revokedAt: Date.now() });
  });
}

export interface PublicShare {
  snapshot: ShareSnapshot;
  sharedAt: number;
  /** whether the visitor owns the link (then "Open a copy" is offered) */
  isOwner: boolean;
}

/** A share as a visitor sees it; undefined for unknown, revoked or expired tokens (a 404 page). */
export async function getPublicShare(
  token: string,
  visitorOwnerId: string | undefined,
): Promise<PublicShare | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  const s = await sq.getShareByToken(getDb(), token);
  if (!s || statusOf(s) !== "active") return undefined;
  return {
    snapshot: s.snapshot as unknown as ShareSnapshot,
    sharedAt: s.updatedAt,
    isOwner: s.ownerId === visitorOwnerId,
  };
}
