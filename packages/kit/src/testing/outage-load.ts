import type { LightMyRequestResponse } from "fastify";

export interface Observed {
  readonly at: number;
  readonly label: string;
  readonly status: number;
  readonly retryAfter: string | undefined;
}

/**
 * Keeps `workers` clients sending requests (each picks the next of `requests` in turn) until
 * stopped, recording every answer: what a fault test looks at while it stops the database.
 */
export function startLoad(
  requests: readonly { label: string; send: () => Promise<LightMyRequestResponse> }[],
  workers = 4,
): { readonly observed: Observed[]; stop(): Promise<void> } {
  const observed: Observed[] = [];
  let running = true;
  let next = 0;
  const worker = async () => {
    while (running) {
      const request = requests[next++ % requests.length];
      if (!request) return;
      const response = await request.send();
      const retryAfter = response.headers["retry-after"];
      observed.push({
        at: Date.now(),
        label: request.label,
        status: response.statusCode,
        retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
      });
      // A client pause, so the event loop also serves the probes of the test.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    observed,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Polls `probe` until it returns true; resolves with the milliseconds it took. */
export async function timeUntil(
  probe: () => Promise<boolean>,
  limitMs: number,
  everyMs = 20,
): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if (await probe()) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return Number.POSITIVE_INFINITY;
}

/** The figures a fault run reports: how many answers, how many 503, how many other 5xx. */
export function figures(observed: readonly Observed[], from = 0, to = Number.POSITIVE_INFINITY) {
  const window = observed.filter((o) => o.at >= from && o.at <= to);
  return {
    requests: window.length,
    unavailable: window.filter((o) => o.status === 503).length,
    unavailableWithoutRetryAfter: window.filter((o) => o.status === 503 && !o.retryAfter).length,
    otherServerErrors: window.filter((o) => o.status >= 500 && o.status !== 503),
  };
}
