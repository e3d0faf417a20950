/**
 * Child process of the sign-up benchmark: the mail relay identity sends to (SMTP on loopback, in its
 * own process as in production), which keeps the last security code mailed to each address and
 * hands it to the load generator over HTTP (`GET /code/<address>` waits up to 10 s for it), as a
 * person reads it in their mailbox. Other mails (the welcome mail) are accepted and dropped.
 * Prints one JSON line with its two ports.
 */
import http from "node:http";
import { startSmtpSink } from "@sesame/kit/mail/smtp-sink";

const codes = new Map<string, string>();
const waiting = new Map<string, ((code: string) => void)[]>();
let received = 0;

const sink = await startSmtpSink({
  port: 0,
  store: async (mail) => {
    received++;
    // The verification mail ends its text with "…: 123456" (signup-mails.ts), in either language.
    const code = /: (\d{4,8})\s*$/m.exec(mail.text)?.[1];
    if (!code) return;
    for (const to of mail.to) {
      codes.set(to, code);
      for (const resolve of waiting.get(to) ?? []) resolve(code);
      waiting.delete(to);
    }
  },
});

const server = http.createServer((request, response) => {
  const to = decodeURIComponent((request.url ?? "").replace(/^\/code\//, "")).toLowerCase();
  const answer = (code: string | undefined) => {
    response.writeHead(code ? 200 : 404, { "content-type": "text/plain" }).end(code ?? "");
  };
  const known = codes.get(to);
  if (known) {
    codes.delete(to);
    return answer(known);
  }
  const timer = setTimeout(() => answer(undefined), 10_000);
  waiting.set(to, [
    ...(waiting.get(to) ?? []),
    (code) => {
      clearTimeout(timer);
      codes.delete(to);
      answer(code);
    },
  ]);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const codePort = typeof address === "object" && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ smtpPort: sink.port, codePort })}\n`);
process.on("SIGTERM", async () => {
  server.close();
  await sink.close();
  process.stderr.write(received > 0 ? "" : "code relay: no mail received\n");
  process.exit(0);
});
