import { generateKeyPairSync, sign, webcrypto } from "node:crypto";

/**
 * Raw RS256 signatures per second on this machine: one thread, and through WebCrypto's thread pool;
 * and the CPU time (user + system) of one signature on one thread, which the load of other
 * processes on a shared machine moves far less than a rate.
 */
export async function rs256SignRate(
  seconds = 2,
): Promise<{ oneThread: number; threadPool: number; cpuMicros: number }> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const data = Buffer.from("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJiZW5jaCJ9");
  let count = 0;
  let end = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  while (performance.now() < end) {
    sign("sha256", data, privateKey);
    count++;
  }
  const used = process.cpuUsage(cpu);
  const cpuMicros = (used.user + used.system) / count;
  const oneThread = count / seconds;
  const key = await webcrypto.subtle.importKey(
    "pkcs8",
    privateKey.export({ format: "der", type: "pkcs8" }),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["sign"],
  );
  count = 0;
  end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        await webcrypto.subtle.sign("RSASSA-PKCS1-v1_5", key, data);
        count++;
      }
    }),
  );
  return { oneThread, threadPool: count / seconds, cpuMicros };
}
