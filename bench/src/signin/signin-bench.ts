/**
 * Password sign-in benchmark (docs/product-rules.md#benchmarks): complete sign-ins per second through identity's real
 * pages over HTTPS (login page, email, password: three requests and one argon2id verification
 * each), against the raw argon2id verification rate of this machine at the same cost and
 * concurrency, measured in the same run. The ratio tells how much a sign-in costs beyond its hash.
 */

import { hashPassword, verifyPassword } from "@sesame/identity/accounts/password-hash";
import { Pool } from "undici";
import { median, quantile, startChildServer, stopChildServer } from "../child-server";
import { loop } from "../worker-loop";
import { mainThreadCpuMs, ownCpuMs, processCpuMs } from "./process-cpu";

interface SigninTarget {
  readonly url: string;
  readonly ca: string;
  readonly accounts: readonly { email: string; password: string }[];
  readonly argon2: { memoryKib: number; timeCost: number; parallelism: number };
}

export interface SigninBenchResult {
  readonly rawPerSecond: number;
  readonly signInsPerSecond: number;
  readonly ratio: number;
  /** Each round's sign-ins per raw verification, the two measured one after the other. */
  readonly ratios: readonly number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly concurrency: number;
  readonly argon2: SigninTarget["argon2"];
  /** Identity's CPU per sign-in (every thread, /proc) and one verification's (this process), ms. */
  readonly cpu: {
    readonly perSignIn: number;
    /** Of which identity's main thread (the event loop). */
    readonly mainThreadPerSignIn: number;
    readonly perVerify: number;
    readonly ratios: readonly number[];
  };
}

/** One browser's sign-in: a fresh cookie jar, the three pages, the CSRF token of each form. */
async function signIn(pool: Pool, account: { email: string; password: string }): Promise<void> {
  const jar = new Map<string, string>();
  let csrf = "";
  const send = async (method: "GET" | "POST", path: string, form?: Record<string, string>) => {
    const response = await pool.request({
      method,
      path,
      headers: {
        accept: "text/html",
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: csrf }).toString() } : {}),
    });
    const setCookie = response.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const body = await response.body.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
    return { status: response.statusCode, body };
  };
  await send("GET", "/login");
  await send("POST", "/login", { email: account.email });
  const done = await send("POST", "/login/password", account);
  // Signed in: "Stay signed in?" (200 with its form) or straight back (303).
  if (!(done.status === 303 || (done.status === 200 && done.body.includes('name="sid"'))))
    throw new Error(`sign-in failed with ${done.status}: ${done.body.slice(0, 200)}`);
}

export async function benchPasswordSignIn(
  options: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<SigninBenchResult> {
  const concurrency = options.concurrency ?? 8;
  const seconds = options.seconds ?? 5;
  const rounds = options.rounds ?? 3;
  const relay = await startChildServer<{ port: number }>(new URL("./smtp-relay.ts", import.meta.url));
  const { child, ready: target } = await startChildServer<SigninTarget>(
    new URL("./signin-server.ts", import.meta.url),
    [String(concurrency)],
    [],
    { BENCH_SMTP_URL: `smtp://127.0.0.1:${relay.ready.port}` },
  );
  const pool = new Pool(target.url, { connections: concurrency, connect: { ca: target.ca } });
  const storedHash = await hashPassword("Banc-Essai-Tournesol", target.argon2);
  const raw: number[] = [];
  const http: number[] = [];
  let latencies: number[] = [];
  const perVerify: number[] = [];
  const perSignIn: number[] = [];
  const mainPerSignIn: number[] = [];
  const pid = child.pid ?? 0;
  try {
    await loop(concurrency, 1, async (w) => signIn(pool, target.accounts[w] ?? target.accounts[0]!));
    for (let round = 0; round < rounds; round++) {
      const ownBefore = ownCpuMs();
      const verified = await loop(concurrency, seconds, async () => {
        if (!(await verifyPassword(storedHash, "Banc-Essai-Tournesol"))) throw new Error("argon2 mismatch");
      });
      perVerify.push((ownCpuMs() - ownBefore) / verified.latencies.length);
      raw.push(verified.perSecond);
      const [serverBefore, mainBefore] = [processCpuMs(pid), mainThreadCpuMs(pid)];
      const run = await loop(concurrency, seconds, (w) =>
        signIn(pool, target.accounts[w] ?? target.accounts[0]!),
      );
      perSignIn.push((processCpuMs(pid) - serverBefore) / run.latencies.length);
      mainPerSignIn.push((mainThreadCpuMs(pid) - mainBefore) / run.latencies.length);
      http.push(run.perSecond);
      latencies = run.latencies;
    }
  } finally {
    await pool.close();
    await stopChildServer(child);
    await stopChildServer(relay.child);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => quantile(latencies, q);
  const rawPerSecond = median(raw);
  const signInsPerSecond = median(http);
  return {
    rawPerSecond,
    signInsPerSecond,
    ratio: signInsPerSecond / rawPerSecond,
    ratios: http.map((rate, i) => rate / (raw[i] ?? Number.NaN)),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    concurrency,
    argon2: target.argon2,
    cpu: {
      perSignIn: median(perSignIn),
      mainThreadPerSignIn: median(mainPerSignIn),
      perVerify: median(perVerify),
      ratios: perSignIn.map((cpu, i) => cpu / (perVerify[i] ?? Number.NaN)),
    },
  };
}
