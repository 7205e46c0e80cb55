import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../client";
import * as q from "./conversations";
import * as iq from "./instances";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-inst-"));
  db = openDb(path.join(dir, "test.db"));
  q.ensureConversation(db, "alice", {
    id: "c1",
    title: "c1",
    providerId: "offline",
    modelId: "m",
    params: {},
  });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const streaming = (id: string, instanceId: string | null, content = "") =>
  q.appendMessage(db, "alice", {
    id,
    conversationId: "c1",
    role: "assistant",
    status: "streaming",
    content,
    instanceId,
  });

describe("sweepInterrupted", () => {
  it("marks the answers of gone instances (and of no instance) interrupted, keeps the partial text, leaves live ones", () => {
    for (const id of ["live", "dead"]) iq.registerInstance(db, { id, pid: 1, hostname: "h", startedAt: 0 });
    streaming("a-live", "live", "still going");
    streaming("a-dead", "dead", "half an ans");
    streaming("a-legacy", null);
    streaming("a-unknown", "never-registered");

    expect(iq.sweepInterrupted(db, (i) => i.id === "dead")).toBe(3);

    const byId = Object.fromEntries(q.getMessages(db, "alice", "c1").map((m) => [m.id, m]));
    expect(byId["a-live"]).toMatchObject({ status: "streaming", instanceId: "live", content: "still going" });
    for (const id of ["a-dead", "a-legacy", "a-unknown"]) {
      expect(byId[id]).toMatchObject({ status: "error", error: { code: "interrupted" }, instanceId: null });
    }
    expect(byId["a-dead"].content).toBe("half an ans");
    expect(db.$client.prepare("select id from instances").all()).toEqual([{ id: "live" }]);
  });

  it("a heartbeat reports whether the instance is still registered", () => {
    iq.registerInstance(db, { id: "x", pid: 1, hostname: "h", startedAt: 0 });
    expect(iq.heartbeat(db, "x", 5)).toBe(true);
    iq.sweepInterrupted(db, () => true);
    expect(iq.heartbeat(db, "x", 6)).toBe(false);
  });
});
