import { html } from "@sesame/kit/ui/html";
import { renderPage } from "@sesame/kit/ui/layout";
import { pageContext } from "@sesame/kit/ui/send-page";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { messagesFor } from "./mailbox-store";

const query = z.object({ to: z.string().max(254).optional(), format: z.enum(["json", "html"]).optional() });

/** This machine only: 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

/**
 * The development mailbox, only with the embedded SMTP sink and the development flag `npm start`
 * sets: GET /_dev/mail?to=ADDRESS answers JSON (newest first) to API clients and a readable page to
 * browsers. It holds every code and reset link, so another machine gets a 404 as if it did not exist.
 */
export function registerDevMailRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/_dev/mail", async (request, reply) => {
    // request.ip: the client itself, also behind a trusted proxy on this machine.
    if (!isLoopback(request.ip)) return reply.callNotFound();
    const parsed = query.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ error: "to must be an email address" });
    const messages = await messagesFor(ctx.db, parsed.data.to, 100);
    const wantsHtml =
      parsed.data.format === "html" ||
      (parsed.data.format !== "json" && (request.headers.accept ?? "").includes("text/html"));
    if (!wantsHtml) {
      return messages.map((m) => ({
        to: m.to_address,
        from: m.from_address,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        date: new Date(m.received_at).toISOString(),
      }));
    }
    const body = html`<h1>Mailbox (development)</h1>
<form method="get" action="/_dev/mail"><label for="to">To</label>
<input id="to" name="to" type="email" value="${parsed.data.to ?? ""}"><input type="hidden" name="format" value="html">
<div class="actions"><button class="primary" type="submit">Filter</button></div></form>
<table><thead><tr><th scope="col">Date</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Text</th></tr></thead><tbody>
${messages.map(
  (
    m,
  ) => html`<tr><td>${new Date(m.received_at).toISOString()}</td><td>${m.to_address}</td><td>${m.subject}</td>
<td><pre>${m.text_body}</pre></td></tr>`,
)}</tbody></table>`;
    return reply
      .type("text/html; charset=utf-8")
      .send(renderPage(pageContext(request, reply, ctx.brand), { title: "Mailbox", body, wide: true }));
  });
}
