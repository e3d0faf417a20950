import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { ServerOptions } from "node:https";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { readinessTimeoutMs, within } from "../db/database";
import { storageRetryAfterSeconds } from "../db/storage-unavailable";
import { type Catalog, isLocale, type Locale, localeCookie, negotiateLocale } from "../i18n/i18n";
import type { Logger } from "../logging/logger";
import { assetDir } from "../ui/asset-dir";
import { hostCookie, hostCookieOptions } from "./cookies";
import { registerErrorPages } from "./error-pages";
import { HttpError } from "./http-error";
import { registerMetrics } from "./metrics";
import { registerSecurityHeaders } from "./security-headers";

declare module "fastify" {
  interface FastifyRequest {
    locale: Locale;
    /** client-request-id when the client sent one (MSAL does), else the request id. */
    correlationId: string;
  }
  interface FastifyContextConfig {
    /** Set to false on machine endpoints (OAuth token, JSON APIs) that are not browser forms. */
    csrf?: boolean;
  }
}

export interface HttpAppOptions {
  readonly service: string;
  readonly brand: string;
  /** The service's whole catalogue (kit messages included): what HttpError message keys name. */
  readonly messages: Catalog<string>;
  readonly logger: Logger;
  /** Readiness probe: throws while a dependency (the database) is unreachable. */
  readonly checkReady: () => Promise<void>;
  /** What works in a lesser mode (Redis away, mail stuck): /readyz stays 200 and lists it. */
  readonly degradations?: () => Promise<readonly string[]>;
  /** SESAME_METRICS_TOKEN: without it /metrics answers loopback clients only. */
  readonly metricsToken?: string | undefined;
  /**
   * SESAME_TRUSTED_PROXIES: the load balancers whose X-Forwarded-For names the client. Without it,
   * the client is the connection's peer: behind HAProxy every request would share one source, for
   * lockout and rate limits alike.
   */
  readonly trustedProxies?: readonly string[] | undefined;
  /** TLS material; omitted for in-process tests through app.inject. */
  readonly https?: ServerOptions;
}

const assetsDir = assetDir("kit", new URL("../ui/assets/", import.meta.url));
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Where a request keeps the language once negotiated or chosen. */
const chosenLocale = Symbol("locale");

export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    ...(options.https ? { https: options.https } : {}),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
  }) as unknown as FastifyInstance;

  // Route schemas are zod schemas (fastify-type-provider-zod): input is parsed at the edge into typed
  // values, and a request that does not fit is a 400 before any handler runs.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  // After the cookie plugin, so the remembered language is readable here.
  // Worked out when a page first reads it: JSON endpoints (the token endpoint is the bench's hot
  // path) never do, and pay neither the cookie lookup nor the Accept-Language parsing.
  app.decorateRequest("locale", {
    getter(this: FastifyRequest & { [chosenLocale]?: Locale }) {
      this[chosenLocale] ??= negotiateLocale(this.cookies?.[localeCookie], this.headers["accept-language"]);
      return this[chosenLocale];
    },
    setter(this: FastifyRequest & { [chosenLocale]?: Locale }, value: Locale) {
      this[chosenLocale] = value;
    },
  });
  app.decorateRequest("correlationId", "");
  // Hooks on every request take a callback rather than being async: one promise less per request.
  app.addHook("onRequest", (request, reply, done) => {
    const clientRequestId = request.headers["client-request-id"];
    request.correlationId =
      typeof clientRequestId === "string" && /^[\w-]{1,64}$/.test(clientRequestId)
        ? clientRequestId
        : request.id;
    reply.header("x-request-id", request.id);
    if (request.correlationId !== request.id)
      request.log = request.log.child({ correlationId: request.correlationId });
    done();
  });

  await app.register(formbody);
  await app.register(csrf, {
    cookieKey: hostCookie("csrf"),
    cookieOpts: hostCookieOptions(),
    getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf ?? undefined,
  });
  // Every state-changing browser request carries the token of its form; machine endpoints opt out.
  // Checked once the body is parsed and validated: form schemas keep `_csrf` (http/form-body.ts).
  app.addHook("preHandler", (request, reply, done) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config?.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });

  // NUL belongs in no path, query or form, and PostgreSQL refuses it in text (a 500 otherwise).
  app.addHook("preValidation", (request, _reply, done) => {
    const invalid = holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body);
    done(invalid ? new HttpError(400, "error.invalidCharacters") : undefined);
  });

  registerSecurityHeaders(app);
  registerErrorPages(app, options.brand, options.messages);
  registerMetrics(app, options.service, options.metricsToken);
  registerAssets(app);

  app.get("/healthz", { config: { csrf: false } }, async () => ({ status: "ok", service: options.service }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await options.checkReady();
    } catch {
      return reply
        .code(503)
        .header("retry-after", String(storageRetryAfterSeconds))
        .send({ status: "unavailable" });
    }
    const notes = options.degradations?.();
    const degraded = notes ? await within(notes, readinessTimeoutMs, "degradations").catch(() => []) : [];
    return degraded.length ? { status: "degraded", degraded } : { status: "ready" };
  });
  app.get("/_lang", async (request, reply) => {
    const { to, back } = request.query as { to?: string; back?: string };
    if (isLocale(to)) reply.setCookie(localeCookie, to, hostCookieOptions(60 * 60 * 24 * 365));
    return reply.redirect(safeLocalPath(back));
  });
  return app;
}

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (value === null || typeof value !== "object" || depth > 4) return false;
  // for…in rather than Object.entries: no array of pairs per object on every request.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.includes("\u0000") || holdsNul((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Only a same-site absolute path is followed, never another origin (no open redirect). */
export function safeLocalPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return "/";
  }
  // Browsers drop tabs and line breaks inside URLs, so "/\t/evil.example" would become "//evil.example".
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return "/";
  return value;
}

function registerAssets(app: FastifyInstance): void {
  const types: Record<string, string> = {
    css: "text/css; charset=utf-8",
    js: "text/javascript; charset=utf-8",
  };
  for (const name of ["sesame.css", "sesame.js"]) {
    const body = fs.readFileSync(new URL(name, assetsDir));
    const type = types[name.split(".").pop() ?? ""] ?? "application/octet-stream";
    app.get(`/_assets/${name}`, async (_request, reply) =>
      reply.type(type).header("cache-control", "public, max-age=3600").send(body),
    );
  }
}
