/**
 * `npm run test:faults`: the production deployment (HAProxy, two identity and two portal instances)
 * on a PRIVATE PostgreSQL and a PRIVATE redis-server started here (the machine's are never touched),
 * under load, through: PostgreSQL stopped for 20 s (10 rounds), every connection cut with
 * pg_terminate_backend (10 rounds), Redis stopped for 20 s, and kill -9 of one instance. Prints a
 * table per fault (requests, 503s, other 5xx, recovery) and exits 1 when a process died, a request
 * got a 5xx other than 503 (or a 503 without Retry-After), or service took over 2 s to come back.
 */
import { startPrivatePostgres } from "@sesame/kit/testing/private-postgres";
import { startPrivateRedis } from "@sesame/kit/testing/private-redis";
import pg from "pg";
import { Pool } from "undici";
import { startDeployment } from "../tests/deployment";
import { type Answer, requestKinds, startFaultLoad } from "./fault-load";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const outageMs = Number(process.env.SESAME_FAULT_OUTAGE_SECONDS ?? 20) * 1000;
const rounds = Number(process.env.SESAME_FAULT_ROUNDS ?? 10);

const postgres = await startPrivatePostgres();
const redis = await startPrivateRedis();
/** A connection of the suite's own; the faults cut it too, which must not end the suite. */
async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgres.url() });
  client.on("error", () => {});
  await client.connect();
  return client;
}
const setup = await adminClient();
await setup.query("create database sesame");
await setup.end();
const deployment = await startDeployment({ databaseUrl: postgres.url("sesame"), redisUrl: redis.url });
// A request that hangs counts as a failure after 10 s rather than stalling the suite.
const timeouts = { headersTimeout: 10_000, bodyTimeout: 10_000 };
const identity = new Pool(deployment.identityUrl, {
  connect: { ca: deployment.ca },
  connections: 8,
  ...timeouts,
});
const portal = new Pool(deployment.portalUrl, {
  connect: { ca: deployment.ca },
  connections: 4,
  ...timeouts,
});
const progress = (line: string) => process.stderr.write(`faults: ${line}\n`);
progress("deployment ready");
const kinds = requestKinds(deployment, identity, portal);

/** Every kind of request answered 200 twice in a row (HAProxy alternates between the instances). */
async function serving(): Promise<boolean> {
  for (const send of Object.values(kinds)) {
    for (let i = 0; i < 2; i++) if ((await send().catch(() => ({ status: 0 }))).status !== 200) return false;
  }
  return true;
}

interface Row {
  fault: string;
  requests: number;
  unavailable: number;
  otherServerErrors: number;
  failedConnections: number;
  recoveryMs: number;
  problems: string[];
}

async function measure(fault: string, times: number, act: () => Promise<void>): Promise<Row> {
  await recoveredAfter();
  const load = startFaultLoad(kinds);
  await sleep(1000);
  let recoveryMs = 0;
  let actedAt = 0;
  for (let round = 0; round < times; round++) {
    actedAt = Date.now();
    await act();
    const recovered = await recoveredAfter();
    progress(`${fault}: round ${round + 1}, serving again after ${recovered} ms`);
    recoveryMs = Math.max(recoveryMs, recovered);
    await sleep(500);
  }
  await load.stop();
  // Each client has at most one request in flight: a kill may cost each one that request, no more,
  // and only while HAProxy has not yet seen the instance go.
  const allowed = fault.startsWith("kill")
    ? { count: load.clients, until: actedAt + 3000 }
    : { count: 0, until: 0 };
  return summarise(fault, load.answers, recoveryMs, allowed);
}

/**
 * Milliseconds from the dependency's return until every kind of request is served again: the start
 * of the first probe that passes (a probe takes about a second, two sign-ins included).
 */
async function recoveredAfter(): Promise<number> {
  const back = Date.now();
  while (Date.now() - back < 15_000) {
    const probeStart = Date.now() - back;
    if (await serving()) return probeStart;
    await sleep(50);
  }
  return Number.POSITIVE_INFINITY;
}

function summarise(
  fault: string,
  answers: readonly Answer[],
  recoveryMs: number,
  allowed: { count: number; until: number },
): Row {
  const unavailable = answers.filter((a) => a.status === 503);
  const other = answers.filter((a) => a.status >= 500 && a.status !== 503);
  const failed = answers.filter((a) => a.status === 0);
  // A refusal (4xx) is no outage answer: sign-in must keep working with Redis away, for one.
  const refused = answers.filter((a) => a.status >= 400 && a.status < 500);
  const problems: string[] = [];
  const dead = deployment.instances.filter((i) => i.process.child.exitCode !== null);
  if (dead.length > 0) problems.push(`${dead.length} instance(s) died`);
  if (unavailable.some((a) => a.retryAfter === false)) problems.push("503 without Retry-After");
  const lost = [...other, ...failed];
  if (lost.length > allowed.count || lost.some((a) => a.at > allowed.until)) {
    problems.push(
      `${other.length} other 5xx and ${failed.length} failed connections (allowed ${allowed.count})`,
    );
  }
  if (recoveryMs > 2000) problems.push(`recovery took ${recoveryMs} ms`);
  if (refused.length > 0) problems.push(`${refused.length} answered 4xx`);
  for (const a of [...other, ...failed, ...refused].slice(0, 5))
    progress(`${fault}: ${a.kind} ${a.status} ${a.error ?? ""}`);
  return {
    fault,
    requests: answers.length,
    unavailable: unavailable.length,
    otherServerErrors: other.length,
    failedConnections: failed.length,
    recoveryMs,
    problems,
  };
}

const rows: Row[] = [];
try {
  rows.push(
    await measure(`PostgreSQL stopped ${outageMs / 1000} s × ${rounds}`, rounds, async () => {
      await postgres.stop();
      await sleep(outageMs);
      await postgres.start();
    }),
  );
  const admin = await adminClient();
  rows.push(
    await measure(`pg_terminate_backend × ${rounds}`, rounds, async () => {
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'sesame' and pid <> pg_backend_pid()",
      );
    }),
  );
  await admin.end();
  rows.push(
    await measure(`Redis stopped ${outageMs / 1000} s`, 1, async () => {
      await redis.kill();
      await sleep(outageMs);
      await redis.start();
    }),
  );
  rows.push(
    await measure("kill -9 of identity-1 and portal-1, restarted", 1, async () => {
      const killed = [deployment.instances[0]!, deployment.instances[2]!];
      for (const instance of killed) instance.process.child.kill("SIGKILL");
      await sleep(2000);
      await Promise.all(killed.map((instance) => deployment.start(instance)));
    }),
  );
} finally {
  await identity.close();
  await portal.close();
  await deployment.close();
  await redis.destroy();
  await postgres.destroy();
}

const header = ["fault", "requests", "503", "other 5xx", "failed conn.", "recovery ms", "verdict"];
const table = rows.map((r) => [
  r.fault,
  String(r.requests),
  String(r.unavailable),
  String(r.otherServerErrors),
  String(r.failedConnections),
  String(r.recoveryMs),
  r.problems.length === 0 ? "ok" : r.problems.join("; "),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
for (const line of [header, ...table]) {
  process.stdout.write(`${line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")}\n`);
}
process.exit(rows.every((r) => r.problems.length === 0) ? 0 : 1);
