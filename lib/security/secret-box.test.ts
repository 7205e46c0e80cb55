import { describe, expect, it } from "vitest";
import {
  deriveEncryptionKey,
  keyHint,
  maskedKey,
  openSecret,
  SecretBoxError,
  sealSecret,
} from "./secret-box";

const SECRET = "a-long-instance-secret-of-at-least-32-chars";
const KEY = deriveEncryptionKey(SECRET);
const API_KEY = "sk-live-0123456789abcdefWXYZ";

describe("secret box", () => {
  it("round-trips a key, with a fresh IV each time and no plain text in the sealed value", () => {
    const a = sealSecret(API_KEY, KEY, "p-1");
    const b = sealSecret(API_KEY, KEY, "p-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain(API_KEY);
    expect(a).not.toContain("WXYZ");
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(openSecret(a, KEY, "p-1")).toBe(API_KEY);
    expect(openSecret(b, KEY, "p-1")).toBe(API_KEY);
  });

  it("refuses a tampered ciphertext, tag or IV", () => {
    const sealed = sealSecret(API_KEY, KEY, "p-1");
    const parts = sealed.split(".");
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i] as string, "base64url");
      bytes[0] = (bytes[0] as number) ^ 1;
      const tampered = parts.map((p, j) => (j === i ? bytes.toString("base64url") : p)).join(".");
      expect(() => openSecret(tampered, KEY, "p-1"), `part ${i}`).toThrow(SecretBoxError);
    }
    expect(() => openSecret("v1.abc", KEY, "p-1")).toThrow(SecretBoxError);
    expect(() => openSecret(API_KEY, KEY, "p-1")).toThrow(SecretBoxError);
  });

  it("refuses another secret and another provider's row", () => {
    const sealed = sealSecret(API_KEY, KEY, "aimlapi");
    expect(() => openSecret(sealed, deriveEncryptionKey(`${SECRET}!`), "aimlapi")).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, KEY, "deepseek")).toThrow(SecretBoxError);
  });

  it("derives a 32-byte key that is not the session key of the same secret", async () => {
    const { sessionKey } = await import("@/lib/auth/session-token");
    expect(KEY).toHaveLength(32);
    expect(KEY.equals(deriveEncryptionKey(SECRET))).toBe(true);
    expect(KEY.equals(sessionKey(SECRET, ""))).toBe(false);
  });

  it("hints at most the last 4 characters, and none of a short key", () => {
    expect(keyHint(API_KEY)).toBe("WXYZ");
    expect(keyHint("short-key-123")).toBeNull();
    expect(maskedKey("WXYZ")).toBe("•••• WXYZ");
    expect(maskedKey(null)).toBe("•••• set");
  });
});
