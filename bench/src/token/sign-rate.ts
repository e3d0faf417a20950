import { generateKeyPairSync, type KeyObject, sign, webcrypto } from "node:crypto";

/** What the benchmarks sign: a JWS signing input's size does not change an RSA signature's cost. */
const DATA = Buffer.from("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJiZW5jaCJ9");

/**
 * Raw RS256 signatures per second on this machine: one thread, and through WebCrypto's thread pool.
 * A signature's CPU time, which the load of other processes moves far less than a rate, is
 * `signatureCpu`'s, measured in every round.
 */
export async function rs256SignRate(seconds = 2): Promise<{ oneThread: number; threadPool: number }> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const oneThread = signOnOneThread(privateKey, seconds).perSecond;
  const key = await webcrypto.subtle.importKey(
    "pkcs8",
    privateKey.export({ format: "der", type: "pkcs8" }),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["sign"],
  );
  let count = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        await webcrypto.subtle.sign("RSASSA-PKCS1-v1_5", key, DATA);
        count++;
      }
    }),
  );
  return { oneThread, threadPool: count / seconds };
}

/**
 * One RS256 signature's CPU on this thread (µs), measured anew at each call with one key: a bench
 * takes it in every round, beside the servers' rounds, and sets each round's server CPU against
 * its own round's signature. Measured once at the start, a moment when the machine runs slower
 * skews every round (one run's start measured 409 µs, where the same loop gave 255-279 µs on the
 * same machine minutes later; docs/performance.md, item 35).
 */
export function signatureCpu(): (seconds: number) => number {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return (seconds) => signOnOneThread(privateKey, seconds).cpuMicros;
}

function signOnOneThread(privateKey: KeyObject, seconds: number): { cpuMicros: number; perSecond: number } {
  let count = 0;
  const end = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  while (performance.now() < end) {
    sign("sha256", DATA, privateKey);
    count++;
  }
  const used = process.cpuUsage(cpu);
  return { cpuMicros: (used.user + used.system) / count, perSecond: count / seconds };
}
