import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import type { Kysely } from "kysely";
import { type Database, narrow } from "../db/database";
import { openDatabase } from "../db/open-database";
import { testTargets } from "../db/test-databases";
import { createLogger } from "../logging/logger";
import { enqueueMail } from "../mail/outbox";
import { createMailOutboxTable, type MailTables } from "../mail/outbox-table";
import { enqueueJob } from "./job-queue";
import { type JobHandler, startJobRunner } from "./job-runner";
import { createJobTable, type JobTables } from "./job-table";

type Tables = JobTables & MailTables;
const logger = createLogger("test", "silent");
const LEASE = 60_000;

/** The job's effect: one mail in the outbox, in the job's transaction. */
const remind: JobHandler<Tables> = async (trx: Kysely<Tables>, job) => {
  const { to } = job.payload as { to: string };
  await enqueueMail(narrow<MailTables, Tables>(trx), {
    to,
    from: "c@example.com",
    subject: "R",
    text: "R",
    html: "R",
  });
};

const open = (url: string) => openDatabase<Tables>({ url, dataDir: os.tmpdir(), name: "jobs" });

for (const target of await testTargets()) {
  describe(`job runner (${target.label})`, async () => {
    const url = await target.freshUrl();
    const first = await open(url);
    const second = await open(url);
    after(async () => {
      await first.close();
      await second.close();
    });
    await createJobTable(first.db as Kysely<unknown>);
    await createMailOutboxTable(first.db as Kysely<unknown>);
    const spawnRunner = (mode: "hang" | "race") =>
      spawn(
        process.execPath,
        ["--import", "tsx", path.join(import.meta.dirname, "killed-runner-test-support.ts")],
        {
          env: { ...process.env, JOB_DB_URL: url, JOB_MODE: mode },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
    const childRunner = (mode: "race") =>
      new Promise<string>((resolve, reject) => {
        const child = spawnRunner(mode);
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.on("exit", (code) =>
          code === 0 ? resolve(out) : reject(new Error(`runner exited with ${code}`)),
        );
      });
    const mails = async (to: string) =>
      (await first.db.selectFrom("mail_outbox").select("id").where("to_address", "=", to).execute()).length;
    const plan = (database: Database<Tables>, key: string, to: string, runAt = Date.now()) =>
      enqueueJob(
        narrow<JobTables, Tables>(database.db),
        { kind: "remind", key, payload: { to }, runAt },
        Date.now(),
      );

    it("plans a job once, whoever plans it", async () => {
      assert.equal(await plan(first, "once", "once@example.com"), true);
      assert.equal(await plan(second, "once", "once@example.com"), false);
      const runner = startJobRunner<Tables>({ database: first, logger, handlers: { remind }, timer: false });
      assert.equal(await runner.runOnce(), 1);
      assert.equal(await runner.runOnce(), 0);
      await runner.stop();
      assert.equal(await mails("once@example.com"), 1);
    });

    it("runs each job once when two runner processes race for 40 jobs", async () => {
      for (let i = 0; i < 40; i++) await plan(first, `race-${i}`, `race-${i}@example.com`);
      const [a, b] = await Promise.all([childRunner("race"), childRunner("race")]);
      const ran = (out: string) => Number(/ran (\d+)/.exec(out)?.[1]);
      assert.equal(ran(a) + ran(b), 40);
      for (let i = 0; i < 40; i++) assert.equal(await mails(`race-${i}@example.com`), 1, `race-${i}`);
      const left = await first.db.selectFrom("job").select("id").where("done_at", "is", null).execute();
      assert.deepEqual(left, []);
    });

    it("does not run a job before its time; the injected clock moves it forward", async () => {
      await plan(first, "later", "later@example.com", Date.now() + 3 * 86_400_000);
      const now = Date.now();
      const today = startJobRunner<Tables>({
        database: first,
        logger,
        handlers: { remind },
        timer: false,
        now: () => now,
      });
      assert.equal(await today.runOnce(), 0);
      const inThreeDays = startJobRunner<Tables>({
        database: first,
        logger,
        handlers: { remind },
        timer: false,
        now: () => now + 3 * 86_400_000 + 1,
      });
      assert.equal(await inThreeDays.runOnce(), 1);
      await Promise.all([today.stop(), inThreeDays.stop()]);
      assert.equal(await mails("later@example.com"), 1);
    });

    it("rolls a failed job's effects back and retries it later", async () => {
      await plan(first, "flaky", "flaky@example.com");
      let calls = 0;
      const flaky: JobHandler<Tables> = async (trx, job) => {
        await remind(trx, job);
        calls++;
        if (calls === 1) throw new Error("SMTP relay refused");
      };
      const now = Date.now();
      const runner = startJobRunner<Tables>({
        database: first,
        logger,
        handlers: { remind: flaky },
        timer: false,
        now: () => now,
      });
      assert.equal(await runner.runOnce(), 1);
      assert.equal(await mails("flaky@example.com"), 0);
      const row = await first.db
        .selectFrom("job")
        .selectAll()
        .where("dedupe_key", "=", "flaky")
        .executeTakeFirstOrThrow();
      assert.equal(row.last_error, "SMTP relay refused");
      assert.equal(row.done_at, null);
      const later = startJobRunner<Tables>({
        database: first,
        logger,
        handlers: { remind: flaky },
        timer: false,
        now: () => now + 3_600_000,
      });
      assert.equal(await later.runOnce(), 1);
      await Promise.all([runner.stop(), later.stop()]);
      assert.equal(await mails("flaky@example.com"), 1);
    });

    it("a runner killed with SIGKILL mid-job leaves no mail; the next runner does the job once, after the lease", async () => {
      await plan(first, "killed", "client@example.com");
      const child = spawnRunner("hang");
      const exited = new Promise((resolve) => child.on("exit", resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("in-job")) resolve();
        });
        child.on("exit", () => reject(new Error("the child runner ended before its job")));
      });
      child.kill("SIGKILL");
      await exited;
      assert.equal(await mails("client@example.com"), 0);
      const claimed = await first.db
        .selectFrom("job")
        .selectAll()
        .where("dedupe_key", "=", "killed")
        .executeTakeFirstOrThrow();
      assert.equal(claimed.attempts, 1);
      assert.notEqual(claimed.locked_until, null);

      // Within the lease the job is still the dead runner's.
      const now = Date.now();
      const early = startJobRunner<Tables>({
        database: first,
        logger,
        handlers: { remind },
        timer: false,
        now: () => now,
      });
      assert.equal(await early.runOnce(), 0);
      await early.stop();
      // After the lease another runner takes it (PostgreSQL may need a moment to see the socket closed).
      const late = startJobRunner<Tables>({
        database: first,
        logger,
        handlers: { remind },
        timer: false,
        now: () => now + LEASE + 1,
      });
      let ran = 0;
      for (let tries = 0; ran === 0 && tries < 50; tries++) {
        ran = await late.runOnce();
        if (ran === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(ran, 1);
      assert.equal(await late.runOnce(), 0);
      await late.stop();
      assert.equal(await mails("client@example.com"), 1);
      const done = await first.db
        .selectFrom("job")
        .selectAll()
        .where("dedupe_key", "=", "killed")
        .executeTakeFirstOrThrow();
      assert.equal(done.attempts, 2);
      assert.notEqual(done.done_at, null);
    });
  });
}
