/**
 * The sign-up benchmark's load generator, the same code against identity and against the floor
 * server (floor-pages/): each worker is a stream of browsers, each one person's complete sign-up,
 * every page as a browser requests it, the code read where the server left it, the proof of work
 * solved with altcha-lib's own solver in this process.
 */
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { Client, request as plainRequest } from "undici";
import type { Requester } from "../floor-pages/page-shapes";
import { type CookieJar, cookieHeader, keepCookies } from "../signin/cookie-jar";

/**
 * Sign-ups from one network (IPv4 /24) before the worker moves to another: below the 30 challenges
 * per network and 10 minutes after which identity doubles the proof of work (antirobot/difficulty.ts),
 * so the benchmark measures the base difficulty, as people signing up from many networks meet it.
 */
const SIGNUPS_PER_NETWORK = 25;
export const PASSWORD = "Banc-Essai-Inscription-47";

/** One browser: its cookie jar and the CSRF token of the last page it read. */
function browser(client: Requester) {
  const jar: CookieJar = new Map();
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
        cookie: cookieHeader(jar),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: csrf }).toString() } : {}),
    });
    keepCookies(jar, response.headers["set-cookie"]);
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
  client: Requester,
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

/** How the client reads its code: from the relay's (or the floor's) mailbox over plain HTTP. */
export function mailboxReader(port: number) {
  return async (email: string): Promise<string> => {
    const response = await plainRequest(`http://127.0.0.1:${port}/code/${encodeURIComponent(email)}`);
    const code = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`no code mailed to ${email}`);
    return code;
  };
}

/**
 * `concurrency` streams of browsers signing up at `url`, each stream from one network, then the
 * next: a keep-alive connection per network, from its own loopback address (127.<worker>.<network>.1).
 * `wrap` lets the page recorder see every request (page-shapes.ts).
 */
export function signUpWorkers(
  target: { url: string; ca: string },
  concurrency: number,
  readCode: (email: string) => Promise<string>,
  wrap: (client: Requester) => Requester = (client) => client,
) {
  const port = new URL(target.url).port;
  const clients = new Map<number, Client>();
  const done = Array.from({ length: concurrency }, () => 0);
  const clientOf = (worker: number) => {
    const network = Math.floor((done[worker] ?? 0) / SIGNUPS_PER_NETWORK);
    let client = clients.get(worker);
    if (!client || (done[worker] ?? 0) % SIGNUPS_PER_NETWORK === 0) {
      void client?.close();
      client = new Client(`https://127.0.0.1:${port}`, {
        // undici takes the source address here: inside `connect` it is ignored, and every sign-up
        // came from 127.0.0.1, one network whose proof of work identity kept doubling.
        localAddress: `127.${1 + worker}.${network % 256}.1`,
        connect: { ca: target.ca, servername: "localhost" },
      });
      clients.set(worker, client);
    }
    return client;
  };
  const run = `${Date.now().toString(36)}`;
  let solveTotal = 0;
  let signUps = 0;
  let requestsPerSignUp = 0;
  return {
    async oneSignUp(worker: number) {
      const client = wrap(clientOf(worker));
      const n = done[worker] ?? 0;
      done[worker] = n + 1;
      const measured = await signUp(client, `bench.${run}.${worker}.${n}@example.org`, readCode);
      solveTotal += measured.solveMs;
      signUps++;
      requestsPerSignUp = measured.requests;
    },
    /** Forgets the warm-up's solve times. */
    resetStats() {
      solveTotal = 0;
      signUps = 0;
    },
    stats: () => ({ solveMs: signUps ? solveTotal / signUps : 0, requestsPerSignUp }),
    close: () => Promise.all([...clients.values()].map((client) => client.close())),
  };
}
