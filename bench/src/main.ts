/**
 * `npm run bench`: every benchmark, each printed with the reference it is measured against in the
 * same run. `npm run bench -- token` (or `signin`, `signup`, `portal`, `startup`, `memory`, `documents`) runs
 * only that one; `--quick` makes every one short (a smoke run: the numbers are not the goals').
 */

import { median } from "./child-server";
import { benchCodeFlow } from "./code/code-bench";
import { benchDocuments } from "./documents/document-bench";
import { benchMemory } from "./memory/memory-bench";
import { benchPortal } from "./portal/portal-bench";
import { flowRows, ratioCell } from "./signin/flow-rows";
import { benchPasswordSignIn } from "./signin/signin-bench";
import { benchSignUp } from "./signup/signup-bench";
import { benchStrengthCheck } from "./signup/strength-check-bench";
import { benchStartup } from "./startup/startup-bench";
import { benchTokenEndpoint } from "./token/token-bench";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((arg) => !arg.startsWith("--"));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

if (!only || only === "token") {
  const r = await benchTokenEndpoint(quick ? { seconds: 1, rounds: 1 } : {});
  const rounds = (list: number[]) => list.map((x) => `${fmt(x, 2)}×`).join(", ");
  const server = (name: string, s: typeof r.identity) => [
    name,
    fmt(s.median.perSecond),
    fmt(s.median.p50Ms, 1),
    fmt(s.median.p99Ms, 1),
    String(s.median.requests),
    `${fmt(s.cpuUs)} (${fmt(s.mainThreadCpuUs)})`,
  ];
  const note = (name: string, text: string) => [name, text, "", "", "", ""];
  process.stdout.write(
    `\ntoken endpoint, client credentials (wrk, HTTPS, keep-alive, concurrency ${r.concurrency}, ${r.warmupSeconds} s warm-up each, then median of ${r.rounds} alternating rounds; floor: bare node:https, one RS256 signature, no framework or database; wrk's CPU per request ${fmt(r.identity.median.clientCpuUs)} µs with identity, ${fmt(r.oidcProvider.median.clientCpuUs)} with oidc-provider, ${fmt(r.floor.median.clientCpuUs)} with the floor)\n${table(
      [
        ["server", "requests/s", "p50 ms", "p99 ms", "requests", "server CPU µs/request (main thread)"],
        server("identity", r.identity),
        server("oidc-provider", r.oidcProvider),
        server("floor", r.floor),
        note(
          "ratio",
          `${fmt(r.ratio, 2)}× (goal ≥ 1.50×; rounds ${fmt(r.ratioRange[0], 2)}–${fmt(r.ratioRange[1], 2)}×)`,
        ),
        note(
          "floor vs oidc-provider",
          `${fmt(median(r.floorRatios), 2)}× (the best this machine allows; rounds ${rounds(r.floorRatios)})`,
        ),
        note(
          "identity vs floor",
          `${fmt(median(r.identityVsFloor), 2)}× (rounds ${rounds(r.identityVsFloor)})`,
        ),
        note(
          "identity CPU / RS256 sign",
          `${fmt(median(r.identity.cpuPerSign), 2)}× (goal ≤ 1.25×; each round over its own signature, ${r.signMicros.map((x) => fmt(x)).join(", ")} µs CPU; rounds ${rounds(r.identity.cpuPerSign)})`,
        ),
        note(
          "floor CPU / RS256 sign",
          `${fmt(median(r.floor.cpuPerSign), 2)}× (node:https + one signature; rounds ${rounds(r.floor.cpuPerSign)})`,
        ),
        note(
          "raw RS256 sign",
          `${fmt(r.signRate.oneThread)}/s one thread, ${fmt(r.signRate.threadPool)}/s thread pool`,
        ),
      ],
    )}\n`,
  );
}

if (!only || only === "code") {
  const r = await benchCodeFlow(quick ? { seconds: 1, rounds: 1, concurrency: 4 } : {});
  const rounds = (list: number[]) => list.map((x) => `${fmt(x, 2)}×`).join(", ");
  const server = (measure: string, name: string, s: typeof r.flows.identity) => [
    measure,
    name,
    fmt(s.perSecond, 1),
    fmt(s.p50Ms, 1),
    fmt(s.p99Ms, 1),
    `${fmt(s.cpuUs)} (${fmt(s.cpuUs / r.signMicros, 1)} signatures)`,
  ];
  const note = (name: string, text: string) => ["", name, text, "", "", ""];
  const rows = (name: string, m: typeof r.flows, goal: string) => [
    server(name, "identity", m.identity),
    server("", "oidc-provider (SQLite)", m.oidcProvider),
    server("", "oidc-provider (in memory)", m.oidcProviderInMemory),
    server("", "floor", m.floor),
    note("ratio", `${fmt(median(m.ratios), 2)}× (goal ${goal}; rounds ${rounds(m.ratios)})`),
    note(
      "vs in-memory oidc-provider",
      `${fmt(median(m.inMemoryRatios), 2)}× (not durable: rounds ${rounds(m.inMemoryRatios)})`,
    ),
    note("CPU ratio (theirs/ours)", `${fmt(median(m.cpuRatios), 2)}× (rounds ${rounds(m.cpuRatios)})`),
    note(
      "floor vs oidc-provider",
      `${fmt(median(m.floorRatios), 2)}× (the best this machine allows; rounds ${rounds(m.floorRatios)})`,
    ),
    note("identity vs floor", `${fmt(median(m.identityVsFloor), 2)}× (rounds ${rounds(m.identityVsFloor)})`),
  ];
  process.stdout.write(
    `\nauthorization code + PKCE and refresh (wrk, 2 threads, HTTPS, keep-alive, concurrency ${r.concurrency}, ${r.rounds} alternating rounds of ${r.seconds} s, median; oidc-provider's state durable in SQLite (WAL, synchronous NORMAL) as identity's, and in memory as its development adapter keeps it; floor: bare node:https, codes and refresh tokens in memory, two RS256 signatures each; one signature ${fmt(r.signMicros)} µs CPU; wrk's CPU µs per flow ${fmt(r.flows.identity.clientCpuUs)} / ${fmt(r.flows.oidcProvider.clientCpuUs)} / ${fmt(r.flows.floor.clientCpuUs)}, per refresh ${fmt(r.refresh.identity.clientCpuUs)} / ${fmt(r.refresh.oidcProvider.clientCpuUs)} / ${fmt(r.refresh.floor.clientCpuUs)}, identity / oidc-provider / floor)\n${table(
      [
        ["measure", "server", "per second", "p50 ms", "p99 ms", "server CPU µs each"],
        ...rows(
          "whole code flows (authorize on a session → code → token with ID and refresh tokens)",
          r.flows,
          "≥ 1.30×",
        ),
        ...rows("refresh-token redemptions (rotated)", r.refresh, "≥ 1.30×"),
      ],
    )}\n`,
  );
}

if (!only || only === "signin") {
  const r = await benchPasswordSignIn(quick ? { seconds: 1, rounds: 1 } : {});
  const cost = `argon2id m=${r.argon2.memoryKib} KiB t=${r.argon2.timeCost} p=${r.argon2.parallelism}`;
  process.stdout.write(
    `\npassword sign-in through the real pages (HTTPS, 3 requests each, ${cost}, concurrency ${r.concurrency}, median of ${r.identity.ratio.rounds.length} alternating rounds of raw verify, identity, floor)\n${table(
      [
        ["measure", "per second", "p50 ms", "p99 ms"],
        ["raw argon2id verify", `${fmt(r.rawPerSecond, 1)} (CPU ${fmt(r.perVerify, 1)} ms each)`, "", ""],
        ...flowRows(fmt, "identity", r.identity, "verify", "goal ≥ 0.90×; "),
        ...flowRows(fmt, "floor (bare node:https, same pages)", r.floor, "verify", ""),
        ["identity / floor", ratioCell(fmt, r.identityOverFloor), "", ""],
      ],
    )}\n`,
  );
}

if (!only || only === "signup") {
  const strength = await benchStrengthCheck(quick ? 1 : 3);
  const r = await benchSignUp(quick ? { seconds: 2, rounds: 1 } : {});
  const cost = `argon2id m=${r.argon2.memoryKib} KiB t=${r.argon2.timeCost} p=${r.argon2.parallelism}`;
  process.stdout.write(
    `\ncomplete personal sign-ups through the real pages (HTTPS, ${r.requestsPerSignUp} requests each, code read from the mail relay, ${cost}, concurrency ${r.concurrency}, median of ${r.identity.ratio.rounds.length} alternating rounds of raw hash, identity, floor)\n${table(
      [
        ["measure", "per second", "p50 ms", "p99 ms"],
        [
          "raw argon2id hash (no proof of work)",
          `${fmt(r.rawPerSecond, 1)} (CPU ${fmt(r.perHash, 1)} ms each)`,
          "",
          "",
        ],
        ...flowRows(fmt, "identity", r.identity, "hash", "goal ≥ 0.80×; "),
        ...flowRows(fmt, "floor (bare node:https, same pages)", r.floor, "hash", ""),
        ["identity / floor", ratioCell(fmt, r.identityOverFloor), "", ""],
        [
          "password strength check",
          `${fmt(strength.indexedMicros)} µs CPU per check (zxcvbn-ts's own dictionary matching: ${fmt(strength.shippedMicros)} µs; ${strength.passwords} typical passwords, alternating rounds)`,
          "",
          "",
        ],
        [
          "counted in a sign-up",
          `every request and the client's proof of work (altcha-lib solver in the load process, max number ${fmt(r.altchaMaxNumber)}: ${fmt(r.solveMs, 1)} ms each against identity, ${fmt(r.floorSolveMs, 1)} against the floor)`,
          "",
          "",
        ],
      ],
    )}\n`,
  );
}

if (!only || only === "portal") {
  const r = await benchPortal(quick ? { scale: 0.1, requests: 40 } : {});
  const c = r.counts;
  const seeded = Object.entries(r.seedSeconds)
    .map(([storage, s]) => `${storage} ${fmt(s, 1)} s`)
    .join(", ");
  process.stdout.write(
    `\nportal pages${quick ? " (QUICK: a tenth of the firm, 40 requests; not the goal's scale)" : ""}: one firm, ${fmt(c.dossiers)} dossiers, ${fmt(c.contacts)} contacts, ${fmt(c.documents)} documents, ${fmt(c.items)} request items, ${fmt(c.messages)} messages (seeded in ${seeded}); each page's queries as its route runs them, after warm-up\n${table(
      [
        ["page", "storage", "requests", "p50 ms", "p95 ms", "goal ms", "p95/goal"],
        ...r.rows.map((row) => [
          row.page,
          row.storage,
          String(row.requests),
          fmt(row.p50Ms, 1),
          fmt(row.p95Ms, 1),
          `< ${row.goalMs}`,
          fmt(row.ratioToGoal, 2),
        ]),
      ],
    )}\n`,
  );
}

if (!only || only === "startup") {
  const rows = await benchStartup(quick ? 1 : 3);
  const reference = rows.find((r) => r.service === "reference");
  const times = (value: number, base: number | undefined) => (base ? `${fmt(value / base, 1)}×` : "");
  process.stdout.write(
    `\nstart-up (SQLite, time to ready and resident memory; reference: a bare Fastify HTTPS server, loaded the same way; median of 3 restarts)\n${table(
      [
        [
          "service",
          "first start ms",
          "restart ms",
          "restart/reference",
          "RSS MiB",
          "heap MiB",
          "heap/reference",
        ],
        ...rows.map((r) => [
          r.service,
          fmt(r.firstStartMs),
          fmt(r.restartMs),
          times(r.restartMs, reference?.restartMs),
          fmt(r.rssMiB, 1),
          fmt(r.heapMiB, 1),
          times(r.heapMiB, reference?.heapMiB),
        ]),
      ],
    )}\n`,
  );
}

if (!only || only === "memory") {
  const r = await benchMemory({ quick });
  const ratios = r.cpuRatios.map((x) => `${fmt(x, 2)}×`).join(", ");
  process.stdout.write(
    `\nmemory and start from the production build (node dist/<service>.js, SESAME_ENV=production, SQLite; load: HTTPS keep-alive, concurrency 32, median of ${r.cpuRatios.length} rounds; CPU from /proc, user + system)\n${table(
      [
        [
          "service",
          "ready ms",
          "idle RSS MiB",
          "RSS under load MiB",
          "load",
          "requests/s",
          "CPU µs/request (main thread)",
        ],
        ...r.rows.map((row) => [
          `${row.service}${row.flags ? ` (node ${row.flags})` : ""}`,
          `${fmt(row.readyMs)} (goal < 1,000)`,
          `${fmt(row.idleMiB, 1)} (goal < 120)`,
          `${fmt(row.loadMiB, 1)} (goal < 200)`,
          row.load,
          fmt(row.requestsPerSecond),
          `${fmt(row.cpuMicrosPerRequest)} (${fmt(row.mainThreadMicrosPerRequest)})`,
        ]),
        [
          "token CPU / RS256 sign",
          `${fmt(median(r.cpuRatios), 2)}× (goal ≤ 1.25×; one signature ${fmt(r.signMicros)} µs CPU; rounds ${ratios})`,
          "",
          "",
          "",
          "",
          "",
        ],
      ],
    )}\n`,
  );
}

if (!only || only === "documents") {
  // --quick: a 16 MiB file and one round (a smoke run; the title says which file was sent).
  const r = await benchDocuments(quick ? { sizeMiB: 16, rounds: 1 } : {});
  process.stdout.write(
    `\ndocuments: one ${r.sizeMiB} MiB file through the portal (its own process; HTTPS on loopback, multipart, SQLite, disk store) against a raw streamed copy (1 MiB reads and writes, in a process of its own) on the same disk, and through a bare HTTPS server with the portal's certificate that only writes and reads the bytes (the floor a Node HTTPS server sets here; same client); ${r.rounds === 1 ? "one round" : `${r.rounds} alternating rounds, median round`} after one unmeasured transfer each way per server (warm-up); CPU time (user + system, all threads) of the process doing the work, and of the client (curl, one process per transfer) beside it; the server's RSS (/proc VmRSS) during the transfers\n${table(
      [
        [
          "transfer",
          "MiB/s",
          "vs raw copy (rounds)",
          "vs floor",
          "CPU ms",
          "server RSS before MiB",
          "server RSS max MiB",
        ],
        ...r.rows.map((row) => {
          const raw = row.transfer === "raw streamed copy";
          const goal = row.ratioToFloor === undefined ? "" : "goal ≥ 70 %; ";
          return [
            row.transfer,
            fmt(row.mbPerSecond, 0),
            raw
              ? "100 %"
              : `${fmt(row.ratioToRaw * 100, 0)} % (${goal}${row.roundRatios.map((x) => `${fmt(x * 100, 0)}`).join(", ")} %)`,
            row.ratioToFloor === undefined ? "" : `${fmt(row.ratioToFloor * 100, 0)} %`,
            raw
              ? `${fmt(row.cpuMs, 0)} (copy)`
              : `${fmt(row.cpuMs, 0)} (server), client ${fmt(row.clientCpuMs, 0)}`,
            raw ? "" : fmt(row.rssBeforeMiB, 0),
            raw ? "" : fmt(row.rssMaxMiB, 0),
          ];
        }),
      ],
    )}\n`,
  );
}
