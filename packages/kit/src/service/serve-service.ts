import type { FastifyInstance } from "fastify";
import type { CommonConfig } from "../config/common-config";
import type { Counters } from "../counters/counters";
import type { Database } from "../db/database";
import type { ExpiryRule } from "../db/expiry-sweeper";
import type { JobRunner } from "../jobs/job-runner";
import type { Logger } from "../logging/logger";
import type { MailTables } from "../mail/outbox-table";
import type { MailTransport } from "../mail/sender";
import { ensureTlsMaterial, type TlsMaterial } from "../tls/certificates";
import {
  httpsOrigin,
  listenHttps,
  type ServiceStorage,
  startBackgroundJobs,
  stopService,
} from "./service-runtime";

/** What every service's context starts from: storage, counters, logger, origin and the outbox's kick. */
export interface ServiceBase<DB> {
  readonly database: Database<DB>;
  readonly db: Database<DB>["db"];
  readonly counters: Counters;
  readonly logger: Logger;
  /** Public origin; the real port is known once listening (port 0 in tests). */
  readonly origin: string;
  readonly mailQueued: () => void;
}

export interface ServedService<Ctx> {
  readonly app: FastifyInstance;
  readonly ctx: Ctx;
  readonly url: string;
  readonly tls: TlsMaterial;
  /** The service's job runner, when it has one. */
  readonly jobs: JobRunner | undefined;
  close(): Promise<void>;
}

/**
 * The start every service shares once its storage is open: background jobs (mail sender, expiry
 * sweeper), the local TLS material, the service's context and app (built by `build`), an optional
 * check before listening (production refusals), listening, and a graceful `close`.
 */
export async function serveService<DB extends MailTables, Ctx>(options: {
  config: CommonConfig;
  storage: ServiceStorage<DB>;
  publicPort: number;
  listen: boolean;
  transport: MailTransport;
  expiry: readonly ExpiryRule[];
  build: (base: ServiceBase<DB>, tls: TlsMaterial) => Promise<{ ctx: Ctx; app: FastifyInstance }>;
  beforeListen?: ((ctx: Ctx) => Promise<void>) | undefined;
  /** The service's durable job runner (kit `jobs/`), started once the context is built, stopped on close. */
  startJobs?: (ctx: Ctx) => JobRunner;
  /** Closed after the background jobs stop and before the storage closes (identity's SMTP sink). */
  closeExtra?: () => Promise<void>;
}): Promise<ServedService<Ctx>> {
  const { config, storage } = options;
  const { logger, database, counters } = storage;
  const jobs = startBackgroundJobs(database, {
    transport: options.transport,
    logger,
    expiry: options.expiry,
    retryHours: config.SESAME_MAIL_RETRY_HOURS,
  });
  const tls = await ensureTlsMaterial(config.SESAME_DATA_DIR, config.SESAME_PUBLIC_HOST);
  let origin = httpsOrigin(config.SESAME_PUBLIC_HOST, options.publicPort);
  const base: ServiceBase<DB> = {
    database,
    db: database.db,
    counters,
    logger,
    get origin() {
      return origin;
    },
    mailQueued: () => jobs.sender.kick(),
  };
  const { ctx, app } = await options.build(base, tls);
  const runner = options.startJobs?.(ctx);
  const close = (timeoutSeconds: number) =>
    stopService({ app, jobs, counters, database, timeoutSeconds }, async () => {
      // After HTTP has stopped and before the storage closes: the job in hand finishes or rolls back.
      await runner?.stop();
      await options.closeExtra?.();
    });
  await options.beforeListen?.(ctx).catch(async (error: unknown) => {
    await close(0);
    throw error;
  });
  origin = await listenHttps(app, {
    listen: options.listen,
    host: config.SESAME_PUBLIC_HOST,
    port: options.publicPort,
    listenPort: config.SESAME_LISTEN_PORT,
  });
  return {
    app,
    ctx,
    get url() {
      return origin;
    },
    tls,
    jobs: runner,
    close: () => close(config.SESAME_SHUTDOWN_TIMEOUT_SECONDS),
  };
}

/**
 * A service's context: its own fields on top of the base. Property descriptors are copied rather
 * than spread, so `origin` stays a getter and shows the real port once the service listens.
 */
export function onBase<DB, Extra extends object>(
  base: ServiceBase<DB>,
  extra: Extra,
): ServiceBase<DB> & Extra {
  return Object.defineProperties(extra, Object.getOwnPropertyDescriptors(base)) as ServiceBase<DB> & Extra;
}
