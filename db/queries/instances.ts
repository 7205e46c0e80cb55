import "server-only";
import { and, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import { affected, type Db, writeTransaction } from "../client";
import { type InstanceRow, instances, messages } from "../schema";

// Not owner-scoped: instances and the interrupted-answer sweep are process maintenance across owners.

export async function registerInstance(db: Db, i: Omit<InstanceRow, "heartbeatAt">): Promise<void> {
  await db.insert(instances).values({ ...i, heartbeatAt: i.startedAt });
}

/** Returns false when the row is gone (another instance judged this one dead): the caller re-registers. */
export async function heartbeat(db: Db, id: string, now = Date.now()): Promise<boolean> {
  return (
    (await db.update(instances).set({ heartbeatAt: now }).where(eq(instances.id, id)).then(affected)) > 0
  );
}

const INTERRUPTED = {
  code: "interrupted",
  message: "The server stopped while this answer was streaming.",
  retryable: true,
};

/**
 * In one write transaction: let `isGone` judge every registered instance, forget the gone ones and mark
 * the answers they (or an instance from before this table existed) left "streaming" as interrupted — the
 * partial text stays. Answers of live instances are left alone. Returns how many answers were marked.
 */
export async function sweepInterrupted(db: Db, isGone: (i: InstanceRow) => boolean): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const all = await tx.select().from(instances);
    const gone = all.filter(isGone).map((i) => i.id);
    const live = all.map((i) => i.id).filter((id) => !gone.includes(id));
    if (gone.length) await tx.delete(instances).where(inArray(instances.id, gone));
    return tx
      .update(messages)
      .set({ status: "error", error: INTERRUPTED, instanceId: null })
      .where(
        and(
          eq(messages.status, "streaming"),
          or(isNull(messages.instanceId), notInArray(messages.instanceId, live)),
        ),
      )
      .then(affected);
  });
}
