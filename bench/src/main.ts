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
  process.stdout.write(
    `\ntoken endpoint, client credentials (wrk, HTTPS, keep-alive, concurrency ${r.concurrency}, ${r.warmupSeconds} s warm-up each, then median of ${r.rounds} alternating rounds; wrk's CPU per request ${fmt(r.identity.clientCpuUs)} µs with identity, ${fmt(r.oidcProvider.clientCpuUs)} with oidc-provider)\n${table(
      [
        ["server", "requests/s", "p50 ms", "p99 ms", "requests"],
        [
          "identity",
          fmt(r.identity.perSecond),
          fmt(r.identity.p50Ms, 1),
          fmt(r.identity.p99Ms, 1),
          String(r.identity.requests),
        ],
        [
          "oidc-provider",
          fmt(r.oidcProvider.perSecond),
          fmt(r.oidcProvider.p50Ms, 1),
          fmt(r.oidcProvider.p99Ms, 1),
          String(r.oidcProvider.requests),
        ],
        [
          "ratio",
          `${fmt(r.ratio, 2)}× (goal ≥ 1.50×; rounds ${fmt(r.ratioRange[0], 2)}–${fmt(r.ratioRange[1], 2)}×)`,
          "",
          "",
          "",
        ],
        [
          "raw RS256 sign",
          `${fmt(r.signRate.oneThread)}/s one thread, ${fmt(r.signRate.threadPool)}/s thread pool`,
          "",
          "",
          "",
        ],
      ],
    )}\n`,
  );
}

if (!only || only === "code") {
  const r = await benchCodeFlow(quick ? { seconds: 1, rounds: 1, concurrency: 4 } : {});
  const rounds = (list: number[]) => list.map((x) => `${fmt(x, 2)}×`).join(", ");
  const rows = (name: string, m: typeof r.flows, goal: string) => [
    [
      name,
      "identity",
      fmt(m.identity.perSecond, 1),
      fmt(m.identity.p50Ms, 1),
      fmt(m.identity.p99Ms, 1),
      fmt(m.identity.cpuUs),
    ],
    [
      "",
      "oidc-provider",
      fmt(m.oidcProvider.perSecond, 1),
      fmt(m.oidcProvider.p50Ms, 1),
      fmt(m.oidcProvider.p99Ms, 1),
      fmt(m.oidcProvider.cpuUs),
    ],
    ["", "ratio", `${fmt(median(m.ratios), 2)}× (goal ${goal}; rounds ${rounds(m.ratios)})`, "", "", ""],
    [
      "",
      "CPU ratio (theirs/ours)",
      `${fmt(median(m.cpuRatios), 2)}× (rounds ${rounds(m.cpuRatios)})`,
      "",
      "",
      "",
    ],
  ];
  process.stdout.write(
    `\nauthorization code + PKCE and refresh (wrk, 2 threads, HTTPS, keep-alive, concurrency ${r.concurrency}, ${r.rounds} alternating rounds of ${r.seconds} s, median; wrk's CPU µs per flow ${fmt(r.flows.identity.clientCpuUs)} / ${fmt(r.flows.oidcProvider.clientCpuUs)}, per refresh ${fmt(r.refresh.identity.clientCpuUs)} / ${fmt(r.refresh.oidcProvider.clientCpuUs)}, identity / oidc-provider)\n${table(
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
    `\npassword sign-in through the real pages (HTTPS, 3 requests each, ${cost}, concurrency ${r.concurrency}, median of ${r.ratios.length} alternating rounds)\n${table(
      [
        ["measure", "per second", "p50 ms", "p99 ms"],
        ["raw argon2id verify", fmt(r.rawPerSecond, 1), "", ""],
        ["complete sign-ins", fmt(r.signInsPerSecond, 1), fmt(r.p50Ms, 0), fmt(r.p99Ms, 0)],
        [
          "CPU per sign-in",
          `identity ${fmt(r.cpu.perSignIn, 1)} ms, every thread, ${fmt(r.cpu.mainThreadPerSignIn, 1)} on its main thread (${fmt(median(r.cpu.ratios), 2)}× one verification's ${fmt(r.cpu.perVerify, 1)} ms; rounds ${r.cpu.ratios.map((x) => `${fmt(x, 2)}×`).join(", ")})`,
          "",
          "",
        ],
        [
          "ratio",
          `${fmt(r.ratio, 2)}× (goal ≥ 0.90×; rounds ${r.ratios.map((x) => `${fmt(x, 2)}×`).join(", ")})`,
          "",
          "",
        ],
      ],
    )}\n`,
  );
}

if (!only || only === "signup") {
  const strength = await benchStrengthCheck(quick ? 1 : 3);
  const r = await benchSignUp(quick ? { seconds: 2, rounds: 1 } : {});
  const cost = `argon2id m=${r.argon2.memoryKib} KiB t=${r.argon2.timeCost} p=${r.argon2.parallelism}`;
  const rounds = r.ratios.map((x) => `${fmt(x, 2)}×`).join(", ");
  process.stdout.write(
    `\ncomplete personal sign-ups through the real pages (HTTPS, ${r.requestsPerSignUp} requests each, code read from the mail relay, ${cost}, concurrency ${r.concurrency}, median of ${r.ratios.length} alternating rounds)\n${table(
      [
        ["measure", "per second", "p50 ms", "p99 ms"],
        ["raw argon2id hash (no proof of work)", fmt(r.rawPerSecond, 1), "", ""],
        ["complete sign-ups", fmt(r.signUpsPerSecond, 1), fmt(r.p50Ms, 0), fmt(r.p99Ms, 0)],
        ["ratio", `${fmt(r.signUpsPerSecond / r.rawPerSecond, 2)}× (goal ≥ 0.80×; rounds ${rounds})`, "", ""],
        [
          "CPU per sign-up",
          `identity ${fmt(r.cpu.identityPerSignUp, 1)} ms, every thread, ${fmt(r.cpu.mainThreadPerSignUp, 1)} on its main thread (${fmt(median(r.cpu.ratios), 2)}× one hash's ${fmt(r.cpu.perHash, 1)} ms; rounds ${r.cpu.ratios.map((x) => `${fmt(x, 2)}×`).join(", ")}); load process ${fmt(r.cpu.loadPerSignUp, 1)} ms`,
          "",
          "",
        ],
        [
          "password strength check",
          `${fmt(strength.indexedMicros)} µs CPU per check (zxcvbn-ts's own dictionary matching: ${fmt(strength.shippedMicros)} µs; ${strength.passwords} typical passwords, alternating rounds)`,
          "",
          "",
        ],
        [
          "counted in a sign-up",
          `every request and the client's proof of work (altcha-lib solver in the load process, max number ${fmt(r.altchaMaxNumber)}: ${fmt(r.solveMs, 1)} ms each)`,
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
    `\ndocuments: one ${r.sizeMiB} MiB file through the portal (its own process; HTTPS on loopback, multipart, SQLite, disk store) against a raw streamed copy (1 MiB reads and writes) on the same disk; ${r.rounds === 1 ? "one round" : `${r.rounds} alternating rounds (raw, upload, download), median round`}; CPU time (user + system, all threads) of the process doing the work, and of the client (the bench) beside it; the portal's RSS (/proc VmRSS) during the transfers\n${table(
      [
        [
          "transfer",
          "MiB/s",
          "vs raw copy (rounds)",
          "CPU ms",
          "portal RSS before MiB",
          "portal RSS max MiB",
        ],
        ...r.rows.map((row) => [
          row.transfer,
          fmt(row.mbPerSecond, 0),
          row.transfer === "raw streamed copy"
            ? "100 %"
            : `${fmt(row.ratioToRaw * 100, 0)} % (goal ≥ 70 %; ${row.roundRatios.map((x) => `${fmt(x * 100, 0)}`).join(", ")} %)`,
          row.transfer === "raw streamed copy"
            ? `${fmt(row.cpuMs, 0)} (bench)`
            : `${fmt(row.cpuMs, 0)} (portal), client ${fmt(row.clientCpuMs, 0)}`,
          row.transfer === "raw streamed copy" ? "" : fmt(row.rssBeforeMiB, 0),
          row.transfer === "raw streamed copy" ? "" : fmt(row.rssMaxMiB, 0),
        ]),
      ],
    )}\n`,
  );
}
