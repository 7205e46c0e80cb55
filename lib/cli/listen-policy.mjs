// Where `npm start` may listen, decided before anything is built or started. Plain JS: start.mjs runs before
// the app and cannot load TypeScript through Next.

/** @param {string} host */
export function isLoopbackAddress(host) {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

/** @param {string | undefined} value */
const isSet = (value) => value !== undefined && /^(1|true|yes)$/i.test(value.trim());

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ ok: true, host: string, port: string, banner: string } | { ok: false, message: string }}
 */
export function listenPolicy(env) {
  const host = env.HOST?.trim() || "127.0.0.1";
  const port = env.PORT?.trim() || "3000";
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return { ok: false, message: `PORT must be a number from 1 to 65535, not "${env.PORT}".` };
  }
  const passwordSet = Boolean(env.PLAYGROUND_PASSWORD);
  const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  if (isLoopbackAddress(host)) {
    return {
      ok: true,
      host,
      port,
      banner: passwordSet
        ? `Speciale Playground on ${url} (this machine only; password required).`
        : `Speciale Playground on ${url} (this machine only, no password; to share, see "Sharing with other machines" in the README).`,
    };
  }
  if (passwordSet) {
    return {
      ok: true,
      host,
      port,
      banner: `Speciale Playground on ${url}, reachable from other machines; password required except for /share/* links.`,
    };
  }
  if (isSet(env.ALLOW_OPEN_ACCESS)) {
    return {
      ok: true,
      host,
      port,
      banner: `Speciale Playground on ${url} with OPEN ACCESS (ALLOW_OPEN_ACCESS=1): anyone who reaches it can read every chat and spend your API keys.`,
    };
  }
  return {
    ok: false,
    message: `Refusing to listen on ${host} without a password: anyone on the network could read every chat and spend your API keys. Set PLAYGROUND_PASSWORD (or ALLOW_OPEN_ACCESS=1 to accept that).`,
  };
}
