import { describe, expect, it } from "vitest";
import { type InstanceRecord, isInstanceGone, LEASE_MS, pidAlive } from "./instance-lease";

const self = { id: "me", pid: 100, hostname: "host-a" };
const now = 1_000_000;
const ctx = (alive: number[]) => ({ now, self, pidAlive: (pid: number) => alive.includes(pid) });
const other = (over: Partial<InstanceRecord>): InstanceRecord => ({
  id: "other",
  pid: 200,
  hostname: "host-a",
  heartbeatAt: now,
  ...over,
});

describe("isInstanceGone", () => {
  it("never judges itself", () => {
    expect(isInstanceGone({ ...self, heartbeatAt: 0 }, ctx([]))).toBe(false);
  });

  it("same host, process gone: gone at once, even with a fresh heartbeat (kill -9 then restart)", () => {
    expect(isInstanceGone(other({}), ctx([]))).toBe(true);
  });

  it("same host, process alive and heartbeating: alive", () => {
    expect(isInstanceGone(other({ heartbeatAt: now - LEASE_MS + 1 }), ctx([200]))).toBe(false);
  });

  it("same host, pid alive but silent past the lease (a reused pid): gone", () => {
    expect(isInstanceGone(other({ heartbeatAt: now - LEASE_MS - 1 }), ctx([200]))).toBe(true);
  });

  it("an earlier incarnation with our own pid (container restart as the same pid): gone", () => {
    expect(isInstanceGone(other({ pid: self.pid }), ctx([self.pid]))).toBe(true);
  });

  it("another host: judged by the heartbeat only, whatever its pid", () => {
    const remote = { hostname: "host-b", pid: 999 };
    expect(isInstanceGone(other({ ...remote, heartbeatAt: now - LEASE_MS }), ctx([]))).toBe(false);
    expect(isInstanceGone(other({ ...remote, heartbeatAt: now - LEASE_MS - 1 }), ctx([]))).toBe(true);
    expect(isInstanceGone(other({ hostname: "host-b", pid: self.pid }), ctx([]))).toBe(false);
  });
});

describe("pidAlive", () => {
  it("sees this process and not a pid that cannot exist", () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(2 ** 22 + 12345)).toBe(false);
  });
});
