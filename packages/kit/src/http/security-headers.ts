import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";

declare module "fastify" {
  interface FastifyReply {
    /** Nonce allowed by this response's Content-Security-Policy for scripts and styles. */
    readonly cspNonce: string;
  }
}

const nonceOf = new WeakMap<FastifyReply, string>();

/** The same on every response, so written once. */
const STATIC_HEADERS = {
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
} as const;

const policy = (nonce: string | undefined): string =>
  [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    nonce ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");

/** A response that wrote no inline script or style (JSON, redirects, plain pages) allows none. */
const POLICY_WITHOUT_NONCE = policy(undefined);

/**
 * CSP, HSTS, no framing, no sniffing, no referrer leak of codes, on every response. The nonce is
 * made when a page first asks for it, and only such a page's policy names one: JSON answers (the
 * token endpoint is the hot path, see the bench) skip the random draw and the string building.
 * form-action is left open on purpose: OAuth forms end in a redirect to the client's registered
 * redirect URI (another origin, sometimes http://localhost for native apps), which Chromium would
 * otherwise block.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.decorateReply("cspNonce", {
    getter(this: FastifyReply) {
      let nonce = nonceOf.get(this);
      if (!nonce) {
        // 122 random bits from randomUUID's pre-filled entropy pool: as unguessable as
        // randomBytes(16) for a nonce, without a getrandom call per page.
        nonce = Buffer.from(randomUUID().replace(/-/g, ""), "hex").toString("base64");
        nonceOf.set(this, nonce);
      }
      return nonce;
    },
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    const nonce = nonceOf.get(reply);
    reply.headers(STATIC_HEADERS);
    reply.header("content-security-policy", nonce ? policy(nonce) : POLICY_WITHOUT_NONCE);
    done(null, payload);
  });
}
