import type { Page } from "playwright-core";

/** Fetches a link as the page would (its cookies, its trust of the local CA). */
export async function fetchInPage(
  page: Page,
  href: string,
): Promise<{ status: number; type: string; body: Buffer }> {
  const got = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return {
      status: r.status,
      type: r.headers.get("content-type") ?? "",
      bytes: Array.from(new Uint8Array(await r.arrayBuffer())),
    };
  }, href);
  return { status: got.status, type: got.type, body: Buffer.from(got.bytes) };
}
