import { randomUUID } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { PortalBrowser } from "../testing/portal-harness";

/** The CSRF token of the message form of the last thread page this browser saw. */
export const messageToken = (browser: PortalBrowser): string =>
  /class="message-form" action="[^"]*\?_csrf=([^"]+)"/.exec(browser.html)?.[1] ?? "";

/** Posts the message form as a browser does: the text first, then the files (multipart). */
export async function sendMessage(
  app: FastifyInstance,
  browser: PortalBrowser,
  path: string,
  input: { body: string; files?: readonly { name: string; content: Buffer }[]; token?: string },
): Promise<LightMyRequestResponse> {
  const boundary = `----sesame${randomUUID()}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${input.body}\r\n`),
  ];
  for (const f of input.files ?? [])
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.content,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const token = input.token ?? messageToken(browser);
  return app.inject({
    method: "POST",
    url: `${path}?_csrf=${encodeURIComponent(token)}`,
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: browser.cookieHeader },
  });
}
