import nodemailer, { type Transporter } from "nodemailer";

/**
 * SMTP transport for a URL such as smtp://127.0.0.1:2525 or smtps://user:pass@host:465. Pooled:
 * the sender reuses open connections (at most 2, 100 messages each) instead of a TCP connection,
 * greeting and TLS handshake per message, which the sign-in profile showed once each sign-in
 * mails its security alert (docs/performance.md).
 */
export function smtpTransport(url: string): Transporter {
  const parsed = new URL(url);
  const loopback = parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost";
  return nodemailer.createTransport({
    url,
    // The embedded sink speaks plain SMTP on loopback only; anything else negotiates TLS.
    ...(loopback ? { ignoreTLS: true } : {}),
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    connectionTimeout: 10_000,
    socketTimeout: 20_000,
  });
}
