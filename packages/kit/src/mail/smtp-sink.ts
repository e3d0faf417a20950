import type { ParsedMail } from "mailparser";

export interface ReceivedMail {
  readonly messageId: string;
  readonly to: string[];
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly date: number;
}

export interface SmtpSink {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The embedded SMTP server used in development and tests: it accepts every message on loopback
 * and hands it, parsed, to `store`. SMTP is still the real path: senders use nodemailer.
 * smtp-server and mailparser (about 25 MB resident) are imported only when a sink starts, so a
 * production process, which never starts one, does not hold them (docs/performance.md).
 */
export async function startSmtpSink(options: {
  port: number;
  host?: string;
  store: (mail: ReceivedMail) => Promise<void>;
}): Promise<SmtpSink> {
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import("smtp-server"), import("mailparser")]);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      simpleParser(stream)
        .then((parsed) => options.store(toReceived(parsed, recipients)))
        .then(() => callback())
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  server.on("error", () => {});
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function toReceived(parsed: ParsedMail, recipients: string[]): ReceivedMail {
  return {
    messageId: parsed.messageId ?? `<${Date.now()}-${Math.random()}@sink>`,
    to: recipients,
    from: parsed.from?.text ?? "",
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    date: Date.now(),
  };
}
