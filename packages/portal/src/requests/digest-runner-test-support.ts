/**
 * A portal instance in a process of its own that runs the request digests with the real planner and
 * handler, then hangs inside the digest's transaction (after the mail is queued, before the commit)
 * until it is killed: the kill -9 test of request-digest.test.ts. Its own runner is started with no
 * timer and the portal's built-in one never polls before the kill (30 s).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startJobRunner } from "@sesame/kit/jobs/job-runner";
import { startPortal } from "../main";
import { loadPortalConfig } from "../service/portal-config";
import type { PortalDB } from "../storage/schema";
import { planRequestDigests, REQUEST_DIGEST, requestDigestHandler } from "./request-digest-operations";

const now = Number(process.env.DIGEST_NOW);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-digest-child-"));
const portal = await startPortal(
  loadPortalConfig({
    SESAME_DATA_DIR: dataDir,
    DATABASE_URL: process.env.DIGEST_DB_URL,
    SESAME_PORTAL_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    SESAME_IDENTITY_AUTHORITY: "https://127.0.0.1:9",
  }),
  { listen: false, now: () => now },
);
const digest = requestDigestHandler(portal.ctx);
const runner = startJobRunner<PortalDB>({
  database: portal.ctx.database,
  logger: portal.ctx.logger,
  timer: false,
  now: () => now,
  planners: [planRequestDigests],
  handlers: {
    [REQUEST_DIGEST]: async (trx, job) => {
      await digest(trx, job);
      process.stdout.write(`in-job ${(job.payload as { contactId: string }).contactId}\n`);
      await new Promise(() => {});
    },
  },
});
await runner.runOnce();
