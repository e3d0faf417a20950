/**
 * The load loop the sign-in, sign-up and code benchmarks share: `concurrency` workers repeating `work`
 * for `seconds`; returns completions per second and every completion's latency in ms.
 */
export async function loop(concurrency: number, seconds: number, work: (worker: number) => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < end) {
        const t = performance.now();
        await work(worker);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), latencies };
}
