import { type SmtpSink, startSmtpSink } from "@sesame/kit/mail/smtp-sink";
import { smtpTransport } from "@sesame/kit/mail/transport";
import {
  httpsOrigin,
  listenHttps,
  openServiceStorage,
  type ServiceStorage,
  startBackgroundJobs,
  stopService,
} from "@sesame/kit/service/service-runtime";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import type { FastifyInstance } from "fastify";
import { buildIdentityApp } from "./app";
import { writeAuditEntry } from "./audit/audit-log";
import type { IdentityConfig } from "./config";
import type { IdentityContext } from "./context";
import { keyEncryptionKey } from "./keys/key-encryption";
import { checkSharedKeyEncryptionKey } from "./keys/shared-key-check";
import { deliverOwnDomainsLocally } from "./mailbox/local-delivery";
import { storeReceivedMail } from "./mailbox/mailbox-store";
import { identityExpiry, identityMigrations } from "./migrations";
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
  /** Runs once the service is built, before it listens; throwing stops the start (production checks). */
  readonly beforeListen?: (ctx: IdentityContext) => Promise<void>;
}

/** Storage, counters and logger of identity, without HTTP: used by the server and by the CLI. */
export async function openIdentityStorage(config: IdentityConfig): Promise<ServiceStorage<IdentityDB>> {
  const storage = await openServiceStorage<IdentityDB>(config, "identity", identityMigrations);
  try {
    await checkSharedKeyEncryptionKey(storage.database.db, keyEncryptionKey(config));
  } catch (error) {
    await storage.counters.close();
    await storage.database.close();
    throw error;
  }
  return storage;
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
  const jobs = startBackgroundJobs(database, {
    transport,
    logger,
    expiry: identityExpiry,
    retryHours: config.SESAME_MAIL_RETRY_HOURS,
  });

  const tls = await ensureTlsMaterial(config.SESAME_DATA_DIR, config.SESAME_PUBLIC_HOST);
  const port = config.SESAME_IDENTITY_PORT;
  let origin = httpsOrigin(config.SESAME_PUBLIC_HOST, port);
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
    mailQueued: () => jobs.sender.kick(),
    writeAudit: writeAuditEntry,
    devMailbox: sink !== undefined && config.SESAME_DEV_MAILBOX,
  };
  const app = await buildIdentityApp(ctx, { cert: tls.cert, key: tls.key });
  await options.beforeListen?.(ctx).catch(async (error: unknown) => {
    await stopService({ app, jobs, counters, database, timeoutSeconds: 0 }, async () => sink?.close());
    throw error;
  });
  origin = await listenHttps(app, {
    listen: options.listen !== false,
    host: config.SESAME_PUBLIC_HOST,
    port,
    listenPort: config.SESAME_LISTEN_PORT,
  });
  return {
    app,
    ctx,
    get url() {
      return origin;
    },
    caFile: tls.caFile,
    ca: tls.ca,
    smtpSinkPort: sink?.port,
    close: () =>
      stopService(
        {
          app,
          jobs,
          counters,
          database,
          timeoutSeconds: config.SESAME_SHUTDOWN_TIMEOUT_SECONDS,
        },
        async () => sink?.close(),
      ),
  };
}
