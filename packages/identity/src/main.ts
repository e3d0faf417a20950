import { type SmtpSink, startSmtpSink } from "@sesame/kit/mail/smtp-sink";
import { smtpTransport } from "@sesame/kit/mail/transport";
import {
  httpsOrigin,
  listenHttps,
  openServiceStorage,
  type ServiceStorage,
  startBackgroundJobs,
} from "@sesame/kit/service/service-runtime";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import type { FastifyInstance } from "fastify";
import { buildIdentityApp } from "./app";
import { writeAuditEntry } from "./audit/audit-log";
import type { IdentityConfig } from "./config";
import type { IdentityContext } from "./context";
import { deliverOwnDomainsLocally } from "./mailbox/local-delivery";
import { storeReceivedMail } from "./mailbox/mailbox-store";
import { identityExpiry, identityMigrations } from "./storage/migrations";
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
export function openIdentityStorage(config: IdentityConfig): Promise<ServiceStorage<IdentityDB>> {
  return openServiceStorage<IdentityDB>(config, "identity", identityMigrations);
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
  const jobs = startBackgroundJobs(database, { transport, logger, expiry: identityExpiry });

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
    devMailbox: sink !== undefined,
  };
  const app = await buildIdentityApp(ctx, { cert: tls.cert, key: tls.key });
  origin = await listenHttps(app, {
    listen: options.listen !== false,
    host: config.SESAME_PUBLIC_HOST,
    port,
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
    async close() {
      await app.close();
      await jobs.stop();
      await sink?.close();
      await counters.close();
      await database.close();
    },
  };
}
