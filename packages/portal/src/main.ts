import type { JobRunner } from "@sesame/kit/jobs/job-runner";
import { smtpTransport } from "@sesame/kit/mail/transport";
import { onBase, serveService } from "@sesame/kit/service/serve-service";
import { httpsOrigin, openServiceStorage } from "@sesame/kit/service/service-runtime";
import type { FastifyInstance } from "fastify";
import { buildPortalApp } from "./app";
import { writeAudit } from "./audit/audit-log";
import { type IdentityFetch, identityFetch } from "./identity-client/identity-fetch";
import { startPortalJobs } from "./portal-jobs";
import type { PortalConfig } from "./service/portal-config";
import type { PortalContext } from "./service/portal-context";
import { portalExpiry, portalMigrations } from "./storage/migrations";
import type { PortalDB } from "./storage/schema";

export interface RunningPortal {
  readonly app: FastifyInstance;
  readonly ctx: PortalContext;
  readonly url: string;
  /** The job runner (reminders): `runOnce()` runs a pass now. */
  readonly jobs: JobRunner;
  close(): Promise<void>;
}

export interface PortalStartOptions {
  readonly listen?: boolean;
  /** Where identity's embedded SMTP sink listens, when SMTP_URL is unset. */
  readonly smtpSinkPort?: number;
  /** PEM of a CA to trust for the authority besides the data directory's (tests). */
  readonly identityCa?: string;
  /** Replaces the HTTPS client for the authority (tests that stand in for Microsoft). */
  readonly fetch?: IdentityFetch;
  /** The clock of the job runner (tests move time forward through it, never by sleeping). */
  readonly now?: () => number;
}

export async function startPortal(
  config: PortalConfig,
  options: PortalStartOptions = {},
): Promise<RunningPortal> {
  const storage = await openServiceStorage<PortalDB>(config, "portal", portalMigrations);
  const host = config.SESAME_PUBLIC_HOST;
  const served = await serveService<PortalDB, PortalContext>({
    config,
    storage,
    publicPort: config.SESAME_PORTAL_PORT,
    listen: options.listen !== false,
    transport: smtpTransport(
      config.SMTP_URL ?? `smtp://127.0.0.1:${options.smtpSinkPort ?? config.SESAME_SMTP_SINK_PORT}`,
    ),
    expiry: portalExpiry,
    startJobs: (ctx) => startPortalJobs(ctx, options.now ? { now: options.now } : {}),
    async build(base, tls) {
      const ctx: PortalContext = onBase(base, {
        config,
        writeAudit,
        authority: config.SESAME_IDENTITY_AUTHORITY ?? httpsOrigin(host, config.SESAME_IDENTITY_PORT),
        fetch: options.fetch ?? identityFetch(config.SESAME_DATA_DIR, options.identityCa),
      });
      return { ctx, app: await buildPortalApp(ctx, { cert: tls.cert, key: tls.key }) };
    },
  });
  const jobs = served.jobs;
  if (!jobs) throw new Error("the portal's job runner did not start");
  return {
    app: served.app,
    ctx: served.ctx,
    get url() {
      return served.url;
    },
    jobs,
    close: served.close,
  };
}
