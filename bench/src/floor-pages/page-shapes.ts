/**
 * What a floor server copies from identity: for each request of a flow (method and path), the
 * status, the response headers identity sends (security headers, content type, location; not its
 * cookies, which the floor sets itself, nor the ones Node writes) and the body's size. Recorded by
 * running one flow through identity with the benchmark's own load generator, so the floor answers
 * pages of the sizes identity's pages have today, not of a number written down once.
 */
import type { Dispatcher } from "undici";

/** What the load generators call: an undici Pool or Client, or the recorder below. */
export interface Requester {
  request(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
}

export interface PageShape {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyBytes: number;
}

/** "METHOD /path" (query left out), as the floor routes it. */
export type PageShapes = Record<string, PageShape>;

const notCopied = new Set(["set-cookie", "content-length", "date", "connection", "keep-alive"]);

/** `requester` with every response's shape written into `shapes`, the last one per key winning. */
export function recording(requester: Requester, shapes: Record<string, PageShape>): Requester {
  return {
    async request(options) {
      const response = await requester.request(options);
      const body = await response.body.text();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers))
        if (!notCopied.has(name) && value !== undefined) headers[name] = String(value);
      const path = String(options.path).split("?")[0];
      shapes[`${options.method} ${path}`] = {
        status: response.statusCode,
        headers,
        bodyBytes: Buffer.byteLength(body),
      };
      // The generator reads the body once more, as text.
      return { ...response, body: { text: async () => body } } as unknown as Dispatcher.ResponseData;
    },
  };
}
