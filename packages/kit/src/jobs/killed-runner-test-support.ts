/**
 * A job runner in a process of its own. JOB_MODE=hang (the kill -9 test): it claims the one due
 * job, queues the job's mail inside the job's transaction, says "in-job" and hangs until killed.
 * JOB_MODE=race: it runs every due job it can claim, prints how many, and exits.
 */
import os from "node:os";
import type { Kysely } from "kysely";
import { narrow } from "../db/database";
import { openDatabase } from "../db/open-database";
import { createLogger } from "../logging/logger";
import { enqueueMail } from "../mail/outbox";
import type { MailTables } from "../mail/outbox-table";
import { startJobRunner } from "./job-runner";
import type { JobTables } from "./job-table";

type Tables = JobTables & MailTables;

const database = await openDatabase<Tables>({
  url: process.env.JOB_DB_URL,
  dataDir: os.tmpdir(),
  name: "jobs",
});
const hang = process.env.JOB_MODE === "hang";
const runner = startJobRunner<Tables>({
  database,
  logger: createLogger("child", "silent"),
  timer: false,
  handlers: {
    remind: async (trx: Kysely<Tables>, job) => {
      await enqueueMail(narrow<MailTables, Tables>(trx), {
        to: (job.payload as { to: string }).to,
        from: "cabinet@example.com",
        subject: "Rappel",
        text: "Rappel",
        html: "<p>Rappel</p>",
      });
      if (!hang) return;
      process.stdout.write("in-job\n");
      await new Promise(() => {});
    },
  },
});
const ran = await runner.runOnce();
process.stdout.write(`ran ${ran}\n`);
await runner.stop();
await database.close();
