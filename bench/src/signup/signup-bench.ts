/**
 * Sign-up benchmark (issue 17): complete personal-account sign-ups per second through identity's
 * real pages over HTTPS, each step as a browser takes it (address, password, country and birth
 * date, the code mailed through the outbox and read from the relay, the proof of work solved with
 * altcha-lib's own solver, the account created and signed in), against the raw argon2id hash rate
 * of this machine at the same cost and concurrency, measured in the same run, in alternating rounds.
 */

import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { Client, request as plainRequest } from "undici";
import { median, quantile, startChildServer, stopChildServer } from "../child-server";
import { mainThreadCpuMs, ownCpuMs, processCpuMs } from "../signin/process-cpu";
import { loop } from "../worker-loop";

interface SignupTarget {
  readonly url: string;
  readonly ca: string;
  readonly argon2: { memoryKib: number; timeCost: number; parallelism: number };
  readonly altchaMaxNumber: number;
}

export interface SignupBenchResult {
  readonly rawPerSecond: number;
  readonly signUpsPerSecond: number;
  readonly ratios: readonly number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly concurrency: number;
  readonly requestsPerSignUp: number;
  /** Mean wall-clock time a sign-up's client spent solving its proof of work (counted in the rate). */
  readonly solveMs: number;
  readonly argon2: SignupTarget["argon2"];
  readonly altchaMaxNumber: number;
  /** CPU per sign-up of identity (every thread, /proc) and of this load process, and per raw hash, ms. */
  readonly cpu: {
    readonly identityPerSignUp: number;
    /** Of which identity's main thread (the event loop). */
    readonly mainThreadPerSignUp: number;
    readonly loadPerSignUp: number;
    readonly perHash: number;
    readonly ratios: readonly number[];
  };
}

/**
 * Sign-ups from one network (IPv4 /24) before the worker moves to another: below the 30 challenges
 * per network and 10 minutes after which identity doubles the proof of work (antirobot/difficulty.ts),
 * so the benchmark measures the base difficulty, as people signing up from many networks meet it.
 */
const SIGNUPS_PER_NETWORK = 25;
const PASSWORD = "Banc-Essai-Inscription-47";

/** One browser: its cookie jar and the CSRF token of the last page it read. */
function browser(client: Client) {
  const jar = new Map<string, string>();
  let csrf = "";
  let requests = 0;
  const send = async (method: "GET" | "POST", path: string, form?: Record<string, string>) => {
    requests++;
    const response = await client.request({
      method,
      path,
      headers: {
        accept: method === "GET" && path.includes("/altcha/") ? "application/json" : "text/html",
        "accept-language": "fr-FR,fr;q=0.9",
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: csrf }).toString() } : {}),
    });
    const setCookie = response.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      if (/max-age=0/i.test(line) || at === pair.length - 1) jar.delete(name);
      else jar.set(name, pair.slice(at + 1));
    }
    const body = await response.body.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
    return { status: response.statusCode, location: String(response.headers.location ?? ""), body };
  };
  return { send, jar, requests: () => requests };
}

function expect(
  step: string,
  got: { status: number; location: string; body: string },
  status: number,
  location?: string,
) {
  if (got.status !== status || (location !== undefined && got.location !== location))
    throw new Error(`${step}: ${got.status} ${got.location} ${got.body.slice(0, 300)}`);
}

/** One person's complete sign-up, every page as a browser requests it; returns the client's solve time. */
async function signUp(
  client: Client,
  email: string,
  readCode: (email: string) => Promise<string>,
): Promise<{ solveMs: number; requests: number }> {
  const b = browser(client);
  await b.send("GET", "/signup");
  expect(
    "address",
    await b.send("POST", "/signup/email", { mode: "existing", email }),
    303,
    "/signup/password",
  );
  await b.send("GET", "/signup/password");
  expect(
    "password",
    await b.send("POST", "/signup/password", { password: PASSWORD }),
    303,
    "/signup/profile",
  );
  await b.send("GET", "/signup/profile");
  const profile = await b.send("POST", "/signup/profile", {
    country: "FR",
    year: "1990",
    month: "4",
    day: "12",
  });
  expect("profile", profile, 303, "/signup/code");
  await b.send("GET", "/signup/code");
  const code = await readCode(email);
  expect("code", await b.send("POST", "/signup/code", { code }), 303, "/signup/challenge");
  await b.send("GET", "/signup/challenge");
  // What the page's ALTCHA widget does: fetch a challenge, solve it, post the proof with the form.
  const challenge = JSON.parse((await b.send("GET", "/signup/altcha/challenge")).body);
  const solving = performance.now();
  const solution = await solveChallenge({ challenge, deriveKey });
  const solveMs = performance.now() - solving;
  if (!solution) throw new Error("proof of work not solved");
  const altcha = Buffer.from(
    JSON.stringify({
      challenge: { parameters: challenge.parameters, signature: challenge.signature },
      solution,
    }),
  ).toString("base64");
  const done = await b.send("POST", "/signup/challenge", { altcha });
  expect("proof of work", done, 200);
  if (!b.jar.has("__Host-session") || b.jar.has("__Host-signup"))
    throw new Error(`account not signed in after its sign-up: ${done.body.slice(0, 300)}`);
  return { solveMs, requests: b.requests() };
}

export async function benchSignUp(
  options: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<SignupBenchResult> {
  const concurrency = options.concurrency ?? 8;
  const seconds = options.seconds ?? 5;
  const rounds = options.rounds ?? 3;
  const relay = await startChildServer<{ smtpPort: number; codePort: number }>(
    new URL("./code-relay.ts", import.meta.url),
  );
  const { child, ready: target } = await startChildServer<SignupTarget>(
    new URL("./signup-server.ts", import.meta.url),
    [],
    [],
    { BENCH_SMTP_URL: `smtp://127.0.0.1:${relay.ready.smtpPort}` },
  );
  const readCode = async (email: string) => {
    const response = await plainRequest(
      `http://127.0.0.1:${relay.ready.codePort}/code/${encodeURIComponent(email)}`,
    );
    const code = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`no code mailed to ${email}`);
    return code;
  };
  // Each worker is a stream of browsers from one network, then the next: a keep-alive connection
  // per network, from its own loopback address (127.<worker>.<network>.1).
  const port = new URL(target.url).port;
  const clients = new Map<number, Client>();
  const done = Array.from({ length: concurrency }, () => 0);
  const clientOf = (worker: number) => {
    const network = Math.floor((done[worker] ?? 0) / SIGNUPS_PER_NETWORK);
    let client = clients.get(worker);
    if (!client || (done[worker] ?? 0) % SIGNUPS_PER_NETWORK === 0) {
      void client?.close();
      client = new Client(`https://127.0.0.1:${port}`, {
        connect: {
          ca: target.ca,
          servername: "localhost",
          localAddress: `127.${1 + worker}.${network % 256}.1`,
        },
      });
      clients.set(worker, client);
    }
    return client;
  };
  const run = `${Date.now().toString(36)}`;
  let solveTotal = 0;
  let signUps = 0;
  let requestsPerSignUp = 0;
  const oneSignUp = async (worker: number) => {
    const client = clientOf(worker);
    const n = done[worker] ?? 0;
    done[worker] = n + 1;
    const measured = await signUp(client, `bench.${run}.${worker}.${n}@example.org`, readCode);
    solveTotal += measured.solveMs;
    signUps++;
    requestsPerSignUp = measured.requests;
  };
  const raw: number[] = [];
  const http: number[] = [];
  let latencies: number[] = [];
  const perHash: number[] = [];
  const identityCpu: number[] = [];
  const mainCpu: number[] = [];
  const loadCpu: number[] = [];
  const pid = child.pid ?? 0;
  try {
    // Warm-up: the password-strength dictionaries load on the first check, the JIT settles.
    await loop(concurrency, 2, oneSignUp);
    solveTotal = 0;
    signUps = 0;
    for (let round = 0; round < rounds; round++) {
      const hashBefore = ownCpuMs();
      const hashed = await loop(concurrency, seconds, async () => {
        await hashPassword(PASSWORD, target.argon2);
      });
      perHash.push((ownCpuMs() - hashBefore) / hashed.latencies.length);
      raw.push(hashed.perSecond);
      const [serverBefore, mainBefore, loadBefore] = [processCpuMs(pid), mainThreadCpuMs(pid), ownCpuMs()];
      const measured = await loop(concurrency, seconds, oneSignUp);
      identityCpu.push((processCpuMs(pid) - serverBefore) / measured.latencies.length);
      mainCpu.push((mainThreadCpuMs(pid) - mainBefore) / measured.latencies.length);
      loadCpu.push((ownCpuMs() - loadBefore) / measured.latencies.length);
      http.push(measured.perSecond);
      latencies = measured.latencies;
    }
  } finally {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await stopChildServer(child);
    await stopChildServer(relay.child);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => quantile(latencies, q);
  const rawPerSecond = median(raw);
  const signUpsPerSecond = median(http);
  return {
    rawPerSecond,
    signUpsPerSecond,
    ratios: http.map((rate, i) => rate / (raw[i] ?? Number.NaN)),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    concurrency,
    requestsPerSignUp,
    solveMs: signUps ? solveTotal / signUps : 0,
    argon2: target.argon2,
    altchaMaxNumber: target.altchaMaxNumber,
    cpu: {
      identityPerSignUp: median(identityCpu),
      mainThreadPerSignUp: median(mainCpu),
      loadPerSignUp: median(loadCpu),
      perHash: median(perHash),
      ratios: identityCpu.map((cpu, i) => cpu / (perHash[i] ?? Number.NaN)),
    },
  };
}
