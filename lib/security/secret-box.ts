import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * API keys entered in the UI are stored sealed with AES-256-GCM under a key derived from the instance secret
 * (PLAYGROUND_SECRET or the generated file beside the database), which never enters the database: a copied
 * database file alone does not give the keys away. The derivation has its own label, so the encryption key
 * differs from the session-signing key made from the same secret.
 */
const LABEL = "speciale-playground/provider-api-keys/v1";
const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {}

export function deriveEncryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), LABEL, 32));
}

/**
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). `context` (the provider id) is authenticated with it, so a sealed
 * key copied into another provider's row does not open there.
 */
export function sealSecret(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plain text, or a SecretBoxError when the value was altered, sealed for another context or another secret. */
export function openSecret(sealed: string, key: Buffer, context: string): string {
  const [format, iv, tag, data, ...rest] = sealed.split(".");
  if (format !== FORMAT || iv === undefined || tag === undefined || data === undefined || rest.length > 0) {
    throw new SecretBoxError("Not a sealed key");
  }
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
    throw new SecretBoxError("Not a sealed key");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SecretBoxError("The key cannot be decrypted with this instance's secret");
  }
}

/** Keys shorter than this show no characters at all: four would be too large a part of them. */
const HINT_MIN_LENGTH = 16;

/** The last 4 characters of a key, to show "•••• abcd"; null for a short key ("•••• set"). */
export function keyHint(key: string): string | null {
  return key.length >= HINT_MIN_LENGTH ? key.slice(-4) : null;
}

/** How a stored key is shown: never more than its hint. */
export function maskedKey(hint: string | null): string {
  return hint ? `•••• ${hint}` : "•••• set";
}
