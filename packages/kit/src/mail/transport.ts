import type { Transporter } from "nodemailer";
import { loadOnce } from "../modules/load-once";
import type { MailTransport } from "./sender";

/** nodemailer loads with the first mail sent: most of the time a service has nothing to send. */
const nodemailer = loadOnce("nodemailer", () => import("nodemailer"));

/**
 * SMTP transport for a URL such as smtp://127.0.0.1:2525 or smtps://user:pass@host:465. Pooled:
 * the sender reuses open connections (at most 2, 100 messages each) instead of a TCP connection,
 * greeting and TLS handshake per message, which the sign-in profile showed once each sign-in
 * mails its security alert (docs/performance.md).
 */
export function smtpTransport(url: string): MailTransport {
  const parsed = new URL(url);
  const loopback = parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost";
  let transporter: Promise<Transporter> | undefined;
  const connect = () =>
    nodemailer().then(({ default: mailer }) =>
      mailer.createTransport({
        url,
        // The embedded sink speaks plain SMTP on loopback only; anything else negotiates TLS.
        ...(loopback ? { ignoreTLS: true } : {}),
        pool: true,
        maxConnections: 2,
        maxMessages: 100,
        connectionTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    );
  return {
    async sendMail(message) {
      transporter ??= connect().catch((error: unknown) => {
        transporter = undefined;
        throw error;
      });
      return (await transporter).sendMail(message);
    },
    close() {
      transporter?.then((t) => t.close()).catch(() => {});
    },
  };
}
