import { smtpTransport } from "@sesame/kit/mail/transport";
import {
  httpsOrigin,
  listenHttps,
  openServiceStorage,
  startBackgroundJobs,
  stopService,
} from "@sesame/kit/service/service-runtime";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import type { FastifyInstance } from "fastify";
import { buildPortalApp } from "./app";
import { writeAudit } from "./audit/audit-log";
import { type IdentityFetch, identityFetch } from "./identity-client/identity-fetch";
import type { PortalConfig } from "./service/portal-config";
import type { PortalContext } from "./service/portal-context";
import { portalExpiry, portalMigrations } from "./storage/migrations";
import type { PortalDB } from "./storage/schema";

export interface RunningPortal {
  readonly app: FastifyInstance;
  readonly ctx: PortalContext;
  readonly url: string;
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
}

export async function startPortal(
  config: PortalConfig,
  options: PortalStartOptions = {},
): Promise<RunningPortal> {
  const { logger, database, counters } = await openServiceStorage<PortalDB>(
    config,
    "portal",
    portalMigrations,
  );
  const smtpUrl =
    config.SMTP_URL ?? `smtp://127.0.0.1:${options.smtpSinkPort ?? config.SESAME_SMTP_SINK_PORT}`;
  const jobs = startBackgroundJobs(database, {
    transport: smtpTransport(smtpUrl),
    logger,
    expiry: portalExpiry,
    retryHours: config.SESAME_MAIL_RETRY_HOURS,
  });
  const tls = await ensureTlsMaterial(config.SESAME_DATA_DIR, config.SESAME_PUBLIC_HOST);
  const host = config.SESAME_PUBLIC_HOST;
  let origin = httpsOrigin(host, config.SESAME_PORTAL_PORT);
  const ctx: PortalContext = {
    config,
    database,
    db: database.db,
    writeAudit,
    counters,
    logger,
    get origin() {
      return origin;
    },
    authority: config.SESAME_IDENTITY_AUTHORITY ?? httpsOrigin(host, config.SESAME_IDENTITY_PORT),
    mailQueued: () => jobs.sender.kick(),
    fetch: options.fetch ?? identityFetch(config.SESAME_DATA_DIR, options.identityCa),
  };
  const app = await buildPortalApp(ctx, { cert: tls.cert, key: tls.key });
  origin = await listenHttps(app, {
    listen: options.listen !== false,
    host,
    port: config.SESAME_PORTAL_PORT,
    listenPort: config.SESAME_LISTEN_PORT,
  });
  return {
    app,
    ctx,
    get url() {
      return origin;
    },
    close: () =>
      stopService({
        app,
        jobs,
        counters,
        database,
        timeoutSeconds: config.SESAME_SHUTDOWN_TIMEOUT_SECONDS,
      }),
  };
}
