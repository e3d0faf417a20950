/**
 * Sign-up benchmark (issue 17): complete personal-account sign-ups per second through identity's
 * real pages over HTTPS, each step as a browser takes it (signup-load.ts: address, password,
 * country and birth date, the code mailed through the outbox and read from the relay, the proof of
 * work solved with altcha-lib's own solver, the account created and signed in), against the raw
 * argon2id hash rate of this machine at the same cost and concurrency, and against the floor: a bare
 * node:https server answering the same requests with pages of identity's sizes and only the
 * unavoidable work (floor-pages/), driven by the same generator. Raw, identity and floor alternate.
 */

import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { median, startChildServer, stopChildServer } from "../child-server";
import type { FloorOptions } from "../floor-pages/floor-server";
import { type PageShapes, recording } from "../floor-pages/page-shapes";
import {
  measureOf,
  ratios,
  rawRound,
  type ServerMeasure,
  type ServerRound,
  serverRound,
} from "../signin/server-round";
import { loop } from "../worker-loop";
import { mailboxReader, PASSWORD, signUpWorkers } from "./signup-load";

interface SignupTarget {
  readonly url: string;
  readonly ca: string;
  readonly tlsDir: string;
  readonly argon2: { memoryKib: number; timeCost: number; parallelism: number };
  readonly altchaMaxNumber: number;
}

export interface SignupBenchResult {
  readonly rawPerSecond: number;
  /** One hash's CPU in this process, ms (median round). */
  readonly perHash: number;
  readonly concurrency: number;
  readonly requestsPerSignUp: number;
  /** Mean wall-clock time a sign-up's client spent solving its proof of work (counted in the rate). */
  readonly solveMs: number;
  /** The same against the floor (same difficulty: the client's work should match). */
  readonly floorSolveMs: number;
  readonly argon2: SignupTarget["argon2"];
  readonly altchaMaxNumber: number;
  readonly identity: ServerMeasure;
  readonly floor: ServerMeasure;
  /** identity's sign-ups per second over the floor's, round by round. */
  readonly identityOverFloor: ReturnType<typeof ratios>;
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
  const identity = await startChildServer<SignupTarget>(
    new URL("./signup-server.ts", import.meta.url),
    [],
    [],
    {
      BENCH_SMTP_URL: `smtp://127.0.0.1:${relay.ready.smtpPort}`,
    },
  );
  const target = identity.ready;
  // One sign-up through identity, recorded: the floor answers each request with its size.
  const shapes: PageShapes = {};
  const recorded = signUpWorkers(target, 1, mailboxReader(relay.ready.codePort), (c) => recording(c, shapes));
  await recorded.oneSignUp(0);
  await recorded.close();
  const floorOptions: FloorOptions = {
    flow: "signup",
    tlsDir: target.tlsDir,
    shapes,
    argon2: target.argon2,
    altchaMaxNumber: target.altchaMaxNumber,
  };
  const floor = await startChildServer<{ url: string; ca: string; codePort: number }>(
    new URL("../floor-pages/floor-server.ts", import.meta.url),
    [JSON.stringify(floorOptions)],
  );
  const toIdentity = signUpWorkers(target, concurrency, mailboxReader(relay.ready.codePort));
  const toFloor = signUpWorkers(floor.ready, concurrency, mailboxReader(floor.ready.codePort));
  const raw: { perSecond: number; cpu: number }[] = [];
  const identityRounds: ServerRound[] = [];
  const floorRounds: ServerRound[] = [];
  try {
    // Warm-up: the password-strength dictionaries load on the first check, the JIT settles.
    await loop(concurrency, 2, toIdentity.oneSignUp);
    await loop(concurrency, 2, toFloor.oneSignUp);
    toIdentity.resetStats();
    toFloor.resetStats();
    for (let round = 0; round < rounds; round++) {
      raw.push(
        await rawRound(concurrency, seconds, async () => {
          await hashPassword(PASSWORD, target.argon2);
        }),
      );
      identityRounds.push(
        await serverRound(identity.child.pid ?? 0, concurrency, seconds, toIdentity.oneSignUp),
      );
      floorRounds.push(await serverRound(floor.child.pid ?? 0, concurrency, seconds, toFloor.oneSignUp));
    }
  } finally {
    await Promise.all([toIdentity.close(), toFloor.close()]);
    await stopChildServer(floor.child);
    await stopChildServer(identity.child);
    await stopChildServer(relay.child);
  }
  const stats = toIdentity.stats();
  return {
    rawPerSecond: median(raw.map((r) => r.perSecond)),
    perHash: median(raw.map((r) => r.cpu)),
    concurrency,
    requestsPerSignUp: stats.requestsPerSignUp,
    solveMs: stats.solveMs,
    floorSolveMs: toFloor.stats().solveMs,
    argon2: target.argon2,
    altchaMaxNumber: target.altchaMaxNumber,
    identity: measureOf(identityRounds, raw),
    floor: measureOf(floorRounds, raw),
    identityOverFloor: ratios(
      identityRounds.map((r) => r.perSecond),
      floorRounds.map((r) => r.perSecond),
    ),
  };
}
