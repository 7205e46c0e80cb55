/*
 * What browser bundles get for `@ai-sdk/gateway` (next.config.ts, turbopack.resolveAlias with the `browser`
 * condition; the server keeps the real package). `ai` imports the Vercel AI Gateway at its top, to resolve
 * "provider/model" strings and to recognise gateway errors on the server; the browser uses only its chat
 * transport and stream processing, which never touch it. Turbopack still kept the whole gateway (~21 kB
 * gzip, every tool and @vercel/oidc) in each page. These are the four names `ai` imports; should client
 * code ever reach one, it fails loudly instead of calling a gateway.
 */

function unavailable(): never {
  throw new Error("The AI Gateway provider is not available in the browser bundle");
}

export class GatewayError extends Error {
  static isInstance(error: unknown): error is GatewayError {
    return error instanceof GatewayError;
  }
}

export class GatewayAuthenticationError extends GatewayError {}

export const createGateway = unavailable;
export const gateway = unavailable;
