/**
 * Password sign-in benchmark (docs/product-rules.md#benchmarks): complete sign-ins per second through identity's real
 * pages over HTTPS (login page, email, password: three requests and one argon2id verification
 * each), against the raw argon2id verification rate of this machine at the same cost and
 * concurrency, and against the floor: a bare node:https server answering the same requests with
 * pages of identity's sizes and only the unavoidable work (floor-pages/), driven by the same load
 * generator (signin-load.ts). Raw, identity and floor alternate in each round.
 */

import { hashPassword, verifyPassword } from "@sesame/identity/accounts/password-hash";
import { Pool } from "undici";
import { median, startChildServer, stopChildServer } from "../child-server";
import type { FloorOptions } from "../floor-pages/floor-server";
import { type PageShapes, recording } from "../floor-pages/page-shapes";
import { loop } from "../worker-loop";
import {
  measureOf,
  ratios,
  rawRound,
  type ServerMeasure,
  type ServerRound,
  serverRound,
} from "./server-round";
import { signIn } from "./signin-load";

interface SigninTarget {
  readonly url: string;
  readonly ca: string;
  readonly tlsDir: string;
  readonly accounts: readonly { email: string; password: string }[];
  readonly argon2: { memoryKib: number; timeCost: number; parallelism: number };
}

export interface SigninBenchResult {
  readonly rawPerSecond: number;
  /** One verification's CPU in this process, ms (median round). */
  readonly perVerify: number;
  readonly concurrency: number;
  readonly argon2: SigninTarget["argon2"];
  readonly identity: ServerMeasure;
  readonly floor: ServerMeasure;
  /** identity's sign-ins per second over the floor's, round by round. */
  readonly identityOverFloor: ReturnType<typeof ratios>;
}

export async function benchPasswordSignIn(
  options: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<SigninBenchResult> {
  const concurrency = options.concurrency ?? 8;
  const seconds = options.seconds ?? 5;
  const rounds = options.rounds ?? 3;
  const relay = await startChildServer<{ port: number }>(new URL("./smtp-relay.ts", import.meta.url));
  const identity = await startChildServer<SigninTarget>(
    new URL("./signin-server.ts", import.meta.url),
    [String(concurrency)],
    [],
    { BENCH_SMTP_URL: `smtp://127.0.0.1:${relay.ready.port}` },
  );
  const target = identity.ready;
  const pool = new Pool(target.url, { connections: concurrency, connect: { ca: target.ca } });
  // One sign-in through identity, recorded: the floor answers each request with its size.
  const shapes: PageShapes = {};
  await signIn(recording(pool, shapes), target.accounts[0]!);
  const floorOptions: FloorOptions = {
    flow: "signin",
    tlsDir: target.tlsDir,
    shapes,
    argon2: target.argon2,
    accounts: target.accounts,
  };
  const floor = await startChildServer<{ url: string; ca: string }>(
    new URL("../floor-pages/floor-server.ts", import.meta.url),
    [JSON.stringify(floorOptions)],
  );
  const floorPool = new Pool(floor.ready.url, { connections: concurrency, connect: { ca: floor.ready.ca } });
  const storedHash = await hashPassword("Banc-Essai-Tournesol", target.argon2);
  const raw: { perSecond: number; cpu: number }[] = [];
  const identityRounds: ServerRound[] = [];
  const floorRounds: ServerRound[] = [];
  const account = (w: number) => target.accounts[w] ?? target.accounts[0]!;
  try {
    await loop(concurrency, 1, async (w) => signIn(pool, account(w)));
    await loop(concurrency, 1, async (w) => signIn(floorPool, account(w)));
    for (let round = 0; round < rounds; round++) {
      raw.push(
        await rawRound(concurrency, seconds, async () => {
          if (!(await verifyPassword(storedHash, "Banc-Essai-Tournesol"))) throw new Error("argon2 mismatch");
        }),
      );
      identityRounds.push(
        await serverRound(identity.child.pid ?? 0, concurrency, seconds, (w) => signIn(pool, account(w))),
      );
      floorRounds.push(
        await serverRound(floor.child.pid ?? 0, concurrency, seconds, (w) => signIn(floorPool, account(w))),
      );
    }
  } finally {
    await Promise.all([pool.close(), floorPool.close()]);
    await stopChildServer(floor.child);
    await stopChildServer(identity.child);
    await stopChildServer(relay.child);
  }
  return {
    rawPerSecond: median(raw.map((r) => r.perSecond)),
    perVerify: median(raw.map((r) => r.cpu)),
    concurrency,
    argon2: target.argon2,
    identity: measureOf(identityRounds, raw),
    floor: measureOf(floorRounds, raw),
    identityOverFloor: ratios(
      identityRounds.map((r) => r.perSecond),
      floorRounds.map((r) => r.perSecond),
    ),
  };
}
