import type { JobRunner } from "@sesame/kit/jobs/job-runner";
import { type SmtpSink, startSmtpSink } from "@sesame/kit/mail/smtp-sink";
import { smtpTransport } from "@sesame/kit/mail/transport";
import { onBase, serveService } from "@sesame/kit/service/serve-service";
import { openServiceStorage, type ServiceStorage } from "@sesame/kit/service/service-runtime";
import type { FastifyInstance } from "fastify";
import { buildIdentityApp } from "./app";
import { writeAuditEntry } from "./audit/audit-log";
import type { IdentityConfig } from "./config";
import type { IdentityContext } from "./context";
import { startIdentityJobs } from "./identity-jobs";
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
  /** The durable jobs (account erasure); `runOnce()` runs the due ones now. */
  readonly jobs: JobRunner;
  close(): Promise<void>;
}

export interface StartOptions {
  /** false for in-process tests through app.inject(). */
  readonly listen?: boolean;
  /** Runs once the service is built, before it listens; throwing stops the start (production checks). */
  readonly beforeListen?: (ctx: IdentityContext) => Promise<void>;
  /** The job runner's clock (tests move time forward through it, never by sleeping). */
  readonly now?: () => number;
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
  const storage = await openIdentityStorage(config);
  const { database } = storage;
  let sink: SmtpSink | undefined;
  if (!config.SMTP_URL) {
    sink = await startSmtpSink({
      port: config.SESAME_SMTP_SINK_PORT,
      store: (mail) => storeReceivedMail(database.db, mail),
    });
  }
  const served = await serveService<IdentityDB, IdentityContext>({
    config,
    storage,
    publicPort: config.SESAME_IDENTITY_PORT,
    listen: options.listen !== false,
    transport: config.SMTP_URL
      ? deliverOwnDomainsLocally(smtpTransport(config.SMTP_URL), database.db, config.SESAME_CONSUMER_DOMAINS)
      : smtpTransport(`smtp://127.0.0.1:${sink?.port}`),
    expiry: identityExpiry,
    startJobs: (ctx) => startIdentityJobs(ctx, options.now ? { now: options.now } : {}),
    async build(base, tls) {
      const ctx: IdentityContext = onBase(base, {
        config,
        brand: "Sésame",
        writeAudit: writeAuditEntry,
        devMailbox: sink !== undefined && config.SESAME_DEV_MAILBOX,
      });
      return { ctx, app: await buildIdentityApp(ctx, { cert: tls.cert, key: tls.key }) };
    },
    beforeListen: options.beforeListen,
    closeExtra: async () => sink?.close(),
  });
  const jobs = served.jobs;
  if (!jobs) throw new Error("identity's job runner did not start");
  return {
    app: served.app,
    ctx: served.ctx,
    get url() {
      return served.url;
    },
    caFile: served.tls.caFile,
    ca: served.tls.ca,
    smtpSinkPort: sink?.port,
    jobs,
    close: served.close,
  };
}
