import { createCounters } from "@sesame/kit/counters/counters";
import { narrow, openDatabase } from "@sesame/kit/db/database";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { createLogger } from "@sesame/kit/logging/logger";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { startMailSender } from "@sesame/kit/mail/sender";
import { type SmtpSink, startSmtpSink } from "@sesame/kit/mail/smtp-sink";
import { smtpTransport } from "@sesame/kit/mail/transport";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { buildIdentityApp } from "./app";
import type { IdentityConfig } from "./config";
import type { IdentityContext } from "./context";
import { deliverOwnDomainsLocally } from "./mailbox/local-delivery";
import { storeReceivedMail } from "./mailbox/mailbox-store";
import { identityMigrations } from "./storage/migrations";
import type { IdentityDB } from "./storage/schema";

export interface RunningIdentity {
  readonly app: FastifyInstance;
  readonly ctx: IdentityContext;
  /** https://host:port once listening. */
  readonly url: string;
  readonly caFile: string;
  readonly ca: string;
  /** Where the embedded SMTP sink listens (undefined with a real SMTP_URL). */
  readonly smtpSinkPort: number | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  /** false for in-process tests through app.inject(). */
  readonly listen?: boolean;
}

/** Storage, counters and logger of identity, without HTTP: used by the server and by the CLI. */
export async function openIdentityStorage(config: IdentityConfig) {
  const logger = createLogger("identity", config.SESAME_LOG_LEVEL);
  const database = await openDatabase<IdentityDB>({
    url: config.DATABASE_URL,
    dataDir: config.SESAME_DATA_DIR,
    name: "identity",
  });
  await migrateToLatest(database.db as Kysely<unknown>, identityMigrations);
  const counters = createCounters(config.REDIS_URL, "sesame:identity:");
  return { logger, database, counters };
}

export async function startIdentity(
  config: IdentityConfig,
  options: StartOptions = {},
): Promise<RunningIdentity> {
  const { logger, database, counters } = await openIdentityStorage(config);

  let sink: SmtpSink | undefined;
  if (!config.SMTP_URL) {
    sink = await startSmtpSink({
      port: config.SESAME_SMTP_SINK_PORT,
      store: (mail) => storeReceivedMail(database.db, mail),
    });
  }
  const transport = config.SMTP_URL
    ? deliverOwnDomainsLocally(smtpTransport(config.SMTP_URL), database.db, config.SESAME_CONSUMER_DOMAINS)
    : smtpTransport(`smtp://127.0.0.1:${sink?.port}`);
  const sender = startMailSender({ db: narrow<MailTables, IdentityDB>(database.db), transport, logger });

  const tls = await ensureTlsMaterial(config.SESAME_DATA_DIR, config.SESAME_PUBLIC_HOST);
  const port = config.SESAME_IDENTITY_PORT;
  let origin = `https://${config.SESAME_PUBLIC_HOST}${port === 443 ? "" : `:${port}`}`;
  const ctx: IdentityContext = {
    config,
    database,
    db: database.db,
    counters,
    logger,
    get origin() {
      return origin;
    },
    brand: "Sésame",
    mailQueued: () => sender.kick(),
    devMailbox: sink !== undefined,
  };
  const app = await buildIdentityApp(ctx, { cert: tls.cert, key: tls.key });
  if (options.listen !== false) {
    await app.listen({ port, host: config.SESAME_PUBLIC_HOST === "localhost" ? "127.0.0.1" : "0.0.0.0" });
    const address = app.server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    origin = `https://${config.SESAME_PUBLIC_HOST}${actualPort === 443 ? "" : `:${actualPort}`}`;
  } else {
    await app.ready();
  }
  return {
    app,
    ctx,
    get url() {
      return origin;
    },
    caFile: tls.caFile,
    ca: tls.ca,
    smtpSinkPort: sink?.port,
    async close() {
      await app.close();
      await sender.stop();
      await sink?.close();
      await counters.close();
      await database.close();
    },
  };
}
