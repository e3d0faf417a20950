/**
 * What the floor servers (signin-floor.ts, signup-floor.ts) share: a bare node:https server with
 * identity's certificate and its HTTP settings (HTTP/1.1, Fastify's keep-alive of 72 s), cookies
 * read and set, a form body read and parsed, a CSRF token checked in constant time, and pages of
 * the size identity answers (page-shapes.ts). Nothing else: no framework, no database, no mail.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import type { PageShape, PageShapes } from "./page-shapes";

export type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Listens on a free loopback port; resolves to its URL. A failed handler answers 500. */
export async function serveFloor(
  tls: { cert: string; key: string },
  handler: Handler,
): Promise<{ url: string; close: () => void }> {
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    handler(request, response).catch((error: unknown) => {
      process.stderr.write(`floor: ${String(error)}\n`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // Fastify's defaults, which identity runs with.
  server.keepAliveTimeout = 72_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `https://localhost:${typeof address === "object" && address ? address.port : 0}`,
    close: () => server.close(),
  };
}

export function cookiesOf(request: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (request.headers.cookie ?? "").split("; ")) {
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return jar;
}

/** The urlencoded form of a POST, at most 1 MiB as Fastify's body limit. */
export async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_048_576) throw new Error("body too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** A random id of 32 bytes, as identity's session and device cookies. */
export const randomId = (): string => randomBytes(32).toString("base64url");

/** A __Host- cookie with identity's attributes. */
export const hostCookie = (name: string, value: string, extra = "SameSite=Lax"): string =>
  `__Host-${name}=${value}; Path=/; HttpOnly; Secure; ${extra}`;

/**
 * CSRF as @fastify/csrf does it: a secret in a cookie, and in each form a salted hash of it,
 * recomputed and compared in constant time on every POST.
 */
export const csrf = {
  secret: (): string => randomBytes(18).toString("base64"),
  token(secret: string): string {
    const salt = randomBytes(6).toString("base64url");
    return `${salt}-${createHash("sha256").update(`${salt}-${secret}`).digest("base64url")}`;
  },
  valid(secret: string | undefined, token: string | null): boolean {
    if (!secret || !token) return false;
    const salt = token.slice(0, 8); // 6 random bytes in base64url, which may hold "-" itself
    const expected = Buffer.from(
      `${salt}-${createHash("sha256").update(`${salt}-${secret}`).digest("base64url")}`,
    );
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  },
};

/**
 * Answers with identity's status and headers for this page (its security headers, its content
 * type, its redirect), the floor's own cookies, and a body padded to identity's size around
 * `inner` (the form fields the client reads) or `json` as it is.
 */
export function answer(
  response: ServerResponse,
  shape: PageShape,
  options: { cookies?: string[]; inner?: string; json?: string } = {},
): void {
  const body = options.json ?? (shape.bodyBytes ? page(shape.bodyBytes, options.inner ?? "") : "");
  response.writeHead(shape.status, {
    ...shape.headers,
    ...(options.cookies?.length ? { "set-cookie": options.cookies } : {}),
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

function page(bytes: number, inner: string): string {
  const head = `<!doctype html><html lang="fr"><head><title>Sésame</title></head><body>${inner}`;
  const tail = "</body></html>";
  return head + " ".repeat(Math.max(0, bytes - Buffer.byteLength(head) - tail.length)) + tail;
}

/** The shape identity answered for `key` ("METHOD /path"); a floor route identity lacks is a bug. */
export function shapeOf(shapes: PageShapes, key: string): PageShape {
  const shape = shapes[key];
  if (!shape) throw new Error(`no page shape recorded for ${key}`);
  return shape;
}

export const csrfField = (token: string): string => `<input type="hidden" name="_csrf" value="${token}">`;
