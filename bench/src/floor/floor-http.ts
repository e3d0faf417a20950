import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What every floor response carries: the headers identity sends on its token and authorize
 * responses (request id, caching, the security headers), so the floor writes as many bytes of
 * headers per response as identity does. Node adds date, connection and keep-alive, as for identity.
 */
const securityHeaders: Record<string, string> = {
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/** The urlencoded body, read whole and parsed (a real endpoint cannot answer without it). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function sendJson(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "x-request-id": randomUUID(),
    vary: "Origin",
    "cache-control": "no-store, no-cache",
    pragma: "no-cache",
    "content-type": "application/json; charset=utf-8",
    ...securityHeaders,
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

export function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, {
    "x-request-id": randomUUID(),
    "cache-control": "no-store",
    location,
    ...securityHeaders,
    "content-length": 0,
  });
  response.end();
}

/** One confidential client kept in memory: its id and its secret's SHA-256, as a store would hold it. */
export class FloorClient {
  private readonly secretHash: Buffer;
  constructor(
    readonly id: string,
    secret: string,
  ) {
    this.secretHash = createHash("sha256").update(secret).digest();
  }

  /** client_secret_post: the presented secret's hash compared in constant time. */
  authenticates(form: URLSearchParams): boolean {
    const secret = form.get("client_secret");
    if (form.get("client_id") !== this.id || secret === null) return false;
    return timingSafeEqual(createHash("sha256").update(secret).digest(), this.secretHash);
  }
}
