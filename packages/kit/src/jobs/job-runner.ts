import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Database, narrow } from "../db/database";
import type { Logger } from "../logging/logger";
import { claimJob, markDone, markFailed } from "./job-queue";
import type { JobTable, JobTables } from "./job-table";
import { reportedPass, serialPasses } from "./serial-passes";

/** What a handler is given: the job's row, its payload parsed, and the runner's clock. */
export interface RunningJob {
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly now: number;
}

/**
 * Does a job's work inside `trx`, the transaction that also marks the job done: its effects
 * (rows, outbox mail) commit exactly when the job is recorded as done, so a runner killed halfway
 * leaves nothing behind and the next runner does the whole job once.
 */
export type JobHandler<DB> = (trx: Kysely<DB>, job: RunningJob) => Promise<void>;

/** Called at each pass before claiming: plans the jobs now due (idempotently, by their keys). */
export type JobPlanner<DB> = (db: Kysely<DB>, now: number) => Promise<void>;

export interface JobRunnerOptions<DB extends JobTables> {
  readonly database: Database<DB>;
  readonly logger: Logger;
  readonly handlers: Readonly<Record<string, JobHandler<DB>>>;
  readonly planners?: readonly JobPlanner<DB>[];
  /** How often the table is looked at (default 30 s; `kick()` looks at once). */
  readonly pollMs?: number;
  /** How long a claimed job is this runner's; a runner killed mid-job frees it after this (60 s). */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  /** The clock (tests move time forward through it, never by sleeping). */
  readonly now?: () => number;
  /** Set false to run passes only through `runOnce()` (tests). */
  readonly timer?: boolean;
}

export interface JobRunner {
  readonly id: string;
  /** One pass: plan, then run due jobs until none is left; resolves with how many ran. */
  runOnce(): Promise<number>;
  kick(): void;
  /** Stops after the job in hand (its transaction commits or rolls back), then resolves. */
  stop(): Promise<void>;
}

const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** attempts, 6 * 60 * 60 * 1000);

export function startJobRunner<DB extends JobTables>(options: JobRunnerOptions<DB>): JobRunner {
  const { database, logger, handlers } = options;
  const jobs = narrow<JobTables, DB>(database.db);
  const clock = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const id = randomUUID();
  const kinds = Object.keys(handlers);
  let stopped = false;

  async function runJob(job: JobTable): Promise<void> {
    const handler = handlers[job.kind];
    if (!handler) return;
    try {
      await database.db.transaction().execute(async (trx) => {
        const now = clock();
        // First, so the row is this transaction's until it ends (PostgreSQL: SKIP LOCKED passes it by).
        if (!(await markDone(narrow<JobTables, DB>(trx), job.id, id, now))) throw new LeaseLost(job.id);
        await handler(trx, {
          id: job.id,
          kind: job.kind,
          payload: JSON.parse(job.payload),
          attempts: job.attempts,
          now,
        });
      });
    } catch (error) {
      if (error instanceof LeaseLost) return;
      const now = clock();
      const last = job.attempts >= maxAttempts;
      logger.warn({ err: error, job: job.id, kind: job.kind, attempts: job.attempts }, "job failed");
      await markFailed(jobs, job.id, id, {
        error: error instanceof Error ? error.message : String(error),
        retryAt: last ? undefined : now + backoffMs(job.attempts),
        now,
      });
    }
  }

  async function pass(): Promise<number> {
    for (const plan of options.planners ?? []) await plan(database.db, clock());
    let ran = 0;
    while (!stopped) {
      const job = await claimJob(jobs, {
        dialect: database.dialect,
        runner: id,
        kinds,
        now: clock(),
        leaseMs,
      });
      if (!job) break;
      await runJob(job);
      ran++;
    }
    return ran;
  }

  // A job queued after the running pass's last claim gets a pass of its own right after it.
  const passes = serialPasses(reportedPass("job pass", { logger, stopped: () => stopped }, pass));
  const runOnce = () => passes.run();

  const timer =
    options.timer === false
      ? undefined
      : setInterval(() => {
          if (!stopped) void runOnce();
        }, options.pollMs ?? 30_000);
  timer?.unref();

  return {
    id,
    runOnce,
    kick: () => {
      if (!stopped) void runOnce();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await passes.idle();
    },
  };
}

class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`job ${jobId}: lease lost to another runner`);
  }
}
