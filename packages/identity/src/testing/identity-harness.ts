import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { loadIdentityConfig } from "../config";
import { type RunningIdentity, startIdentity } from "../main";

export interface IdentityHarness {
  readonly identity: RunningIdentity;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * A complete identity service for one test file: its own data directory and fresh database on the
 * given storage target, its own embedded SMTP sink on a free port. `listen` starts real HTTPS.
 */
export async function startTestIdentity(
  target: TestTarget,
  options: { listen?: boolean; env?: Record<string, string> } = {},
): Promise<IdentityHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-identity-"));
  const config = loadIdentityConfig({
    SESAME_DATA_DIR: dataDir,
    DATABASE_URL: await target.freshUrl(),
    SESAME_IDENTITY_PORT: "0",
    SESAME_SMTP_SINK_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    ...options.env,
  });
  const identity = await startIdentity(config, { listen: options.listen ?? false });
  return {
    identity,
    app: identity.app,
    async close() {
      await identity.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser-like client for app.inject: keeps cookies between requests and fills the CSRF token
 * of the last page it saw into the forms it posts, as a person clicking through would.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private lastHtml = "";

  constructor(
    private readonly app: FastifyInstance,
    private readonly language: "fr" | "en" = "fr",
    /** The client's IP address as the server sees it (lockout is per source). */
    private readonly remoteAddress = "127.0.0.1",
  ) {}

  get html(): string {
    return this.lastHtml;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.send({ method: "GET", url, headers });
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given (or null to omit). */
  async post(url: string, form: Record<string, string | null>): Promise<LightMyRequestResponse> {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) if (v !== null) fields[k] = v;
    if (!("_csrf" in form)) {
      const token = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1];
      if (token) fields._csrf = token;
    }
    return this.send({
      method: "POST",
      url,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  private async send(
    options: InjectOptions & { headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse> {
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await this.app.inject({
      remoteAddress: this.remoteAddress,
      ...options,
      headers: {
        "accept-language": this.language,
        accept: "text/html",
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
        ...options.headers,
      },
    });
    for (const c of response.cookies) {
      if (c.maxAge === 0 || c.value === "") this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if ((response.headers["content-type"] ?? "").toString().includes("text/html"))
      this.lastHtml = response.body;
    return response;
  }
}
