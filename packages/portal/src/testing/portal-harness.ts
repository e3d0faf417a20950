import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { Browser } from "@sesame/kit/testing/browser";
import type { FastifyInstance } from "fastify";
import { type Firm, insertFirm, insertStaff, type Staff } from "../firms/firm-queries";
import type { IdentityFetch } from "../identity-client/identity-fetch";
import { type RunningPortal, startPortal } from "../main";
import { loadPortalConfig } from "../service/portal-config";
import type { PortalContext } from "../service/portal-context";
import { createSession } from "../sessions/session-store";
import type { StaffRole } from "../storage/firm-tables";

export interface PortalHarness {
  readonly portal: RunningPortal;
  readonly app: FastifyInstance;
  readonly ctx: PortalContext;
  close(): Promise<void>;
}

/**
 * A portal for one test file: its own data directory and fresh database on the given target.
 * `authority` is identity's URL (with `ca` its local CA); without it the portal points at an
 * address nothing answers, so every discovery call reports "unknown".
 */
export async function startTestPortal(
  target: TestTarget,
  options: {
    authority?: string;
    ca?: string;
    smtpSinkPort?: number;
    env?: Record<string, string>;
    fetch?: IdentityFetch;
    /** The job runner's clock. */
    now?: () => number;
    /** Another instance on the same database (PostgreSQL URL or SQLite directory). */
    databaseUrl?: string;
  } = {},
): Promise<PortalHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-portal-"));
  const config = loadPortalConfig({
    SESAME_DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl ?? (await target.freshUrl()),
    SESAME_PORTAL_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    SESAME_IDENTITY_AUTHORITY: options.authority ?? "https://127.0.0.1:9",
    ...options.env,
  });
  const portal = await startPortal(config, {
    listen: false,
    ...(options.ca ? { identityCa: options.ca } : {}),
    ...(options.smtpSinkPort ? { smtpSinkPort: options.smtpSinkPort } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    portal,
    app: portal.app,
    ctx: portal.ctx,
    async close() {
      await portal.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function seedTestFirm(ctx: PortalContext, code = "YPN"): Promise<{ firm: Firm; admin: Staff }> {
  const firm = await insertFirm(ctx.db, { code, name: `Cabinet ${code}` });
  const admin = await insertStaff(ctx.db, {
    firmId: firm.id,
    email: `admin@${code.toLowerCase()}.example`,
    displayName: "Anne Admin",
    role: "admin",
    expectedTenant: `${code.toLowerCase()}.example`,
  });
  return { firm, admin };
}

export async function addStaff(
  ctx: PortalContext,
  firm: Firm,
  role: StaffRole,
  email: string,
): Promise<Staff> {
  return insertStaff(ctx.db, {
    firmId: firm.id,
    email,
    displayName: email.split("@")[0] ?? email,
    role,
    expectedTenant: "example",
  });
}

/**
 * The shared form browser (cookies kept, CSRF token of the last page filled into posted forms).
 * `signInAs` puts a staff session in place as a finished Microsoft sign-in would.
 */
export class PortalBrowser extends Browser {
  constructor(
    private readonly harness: PortalHarness,
    language: "fr" | "en" = "fr",
  ) {
    super(harness.app, language);
  }

  async signInAs(staff: Staff): Promise<void> {
    const token = await createSession(this.harness.ctx.db, {
      kind: "staff",
      firmId: staff.firm_id,
      subjectId: staff.id,
      tid: "00000000-0000-0000-0000-000000000001",
      oid: staff.id,
      name: staff.display_name,
      idToken: "",
    });
    this.setCookie("__Host-portal_session", token);
  }

  async signInContact(contactId: string, firmId: string): Promise<void> {
    const token = await createSession(this.harness.ctx.db, {
      kind: "contact",
      firmId,
      subjectId: contactId,
      tid: "t",
      oid: contactId,
      name: "",
      idToken: "",
    });
    this.setCookie("__Host-portal_session", token);
  }
}

/** The text of a page as a person reads it: tags dropped, entities decoded. */
export function pageText(body: string): string {
  return body
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
