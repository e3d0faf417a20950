import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { CommonConfig } from "../config/common-config";
import type { Counters } from "../counters/counters";
import { createCounters } from "../counters/create-counters";
import { type Database, narrow } from "../db/database";
import { type ExpiryRule, startExpirySweeper } from "../db/expiry-sweeper";
import { migrateToLatest, type NamedMigrations } from "../db/migrations";
import { openDatabase } from "../db/open-database";
import { ensurePrivateDir } from "../files/private-files";
import { createLogger, type Logger } from "../logging/logger";
import type { MailTables } from "../mail/outbox-table";
import { type MailSender, type MailTransport, startMailSender } from "../mail/sender";
import { withStartupLock } from "./startup-lock";

export interface ServiceStorage<DB> {
  readonly logger: Logger;
  readonly database: Database<DB>;
  readonly counters: Counters;
}

/** A service's logger, migrated database and shared counters: what its server and CLI both need. */
export async function openServiceStorage<DB>(
  config: CommonConfig,
  service: string,
  migrations: NamedMigrations,
): Promise<ServiceStorage<DB>> {
  const logger = createLogger(service, config.SESAME_LOG_LEVEL);
  ensurePrivateDir(config.SESAME_DATA_DIR);
  const database = await openDatabase<DB>({
    url: config.DATABASE_URL,
    dataDir: config.SESAME_DATA_DIR,
    name: service,
    sqliteSynchronous: config.SQLITE_SYNCHRONOUS,
  });
  await withStartupLock(database, () =>
    migrateToLatest(database.db as Kysely<unknown>, migrations, database.schema),
  );
  const counters = await createCounters(config.REDIS_URL, `sesame:${service}:`, logger);
  return { logger, database, counters };
}

export interface BackgroundJobs {
  readonly sender: MailSender;
  stop(): Promise<void>;
}

/** What every service runs beside HTTP: the mail outbox's sender and the expiry sweeper. */
export function startBackgroundJobs<DB extends MailTables>(
  database: Database<DB>,
  options: {
    transport: MailTransport;
    logger: Logger;
    expiry: readonly ExpiryRule[];
    /** SESAME_MAIL_RETRY_HOURS: how long delivery of a message is tried. */
    retryHours: number;
  },
): BackgroundJobs {
  const sender = startMailSender({
    db: narrow<MailTables, DB>(database.db),
    transport: options.transport,
    logger: options.logger,
    retryHorizonMs: options.retryHours * 60 * 60 * 1000,
  });
  const sweeper = startExpirySweeper({
    db: narrow<unknown, DB>(database.db),
    rules: options.expiry,
    logger: options.logger,
  });
  return {
    sender,
    async stop() {
      await sender.stop();
      await sweeper.stop();
    },
  };
}

/**
 * Stops a service gracefully: the server stops accepting (Fastify answers 503 to requests that
 * arrive meanwhile), requests in flight get `timeoutSeconds` to finish before their connections are
 * cut, then the outbox sender stops after the message in hand (releasing its claim), then the
 * counters and the database pools close.
 */
export async function stopService(
  parts: {
    app: FastifyInstance;
    jobs: BackgroundJobs;
    counters: { close(): Promise<void> };
    database: { close(): Promise<void> };
    timeoutSeconds: number;
  },
  beforeStorage: () => Promise<void> = async () => {},
): Promise<void> {
  const cut = setTimeout(() => parts.app.server.closeAllConnections(), parts.timeoutSeconds * 1000);
  try {
    await parts.app.close();
  } finally {
    clearTimeout(cut);
  }
  await parts.jobs.stop();
  await beforeStorage();
  await parts.counters.close();
  await parts.database.close();
}

/** https://host, with the port unless it is 443. */
export function httpsOrigin(host: string, port: number): string {
  return `https://${host}${port === 443 ? "" : `:${port}`}`;
}

/**
 * Listens on `port` (0: any free port) and returns the public origin with the real port; with
 * `listen: false` (in-process tests) only readies the app and keeps the configured port. Behind a
 * load balancer `listenPort` is the instance's own port and `port` the public one, in every URL.
 */
export async function listenHttps(
  app: FastifyInstance,
  options: { listen: boolean; host: string; port: number; listenPort?: number | undefined },
): Promise<string> {
  if (!options.listen) {
    await app.ready();
    return httpsOrigin(options.host, options.port);
  }
  // Loopback only for localhost; any other public host name is served on every interface.
  await app.listen({
    port: options.listenPort ?? options.port,
    host: options.host === "localhost" ? "127.0.0.1" : "0.0.0.0",
  });
  if (options.listenPort !== undefined) return httpsOrigin(options.host, options.port);
  const address = app.server.address();
  return httpsOrigin(options.host, typeof address === "object" && address ? address.port : options.port);
}
