import type { Kysely, Selectable } from "kysely";
import type { SendMailOptions } from "nodemailer";
import { reportedPass, serialPasses } from "../jobs/serial-passes";
import type { Logger } from "../logging/logger";
import type { MailTables } from "./outbox-table";

export interface MailSender {
  /** Look at the outbox now instead of at the next poll (called after a commit that queued mail). */
  kick(): void;
  /** Sends every due message once; resolves when the pass is over. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** What the sender needs of a transport: nodemailer's, or a wrapper that routes some mail locally. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
  close(): void;
}

export interface MailSenderOptions {
  readonly db: Kysely<MailTables>;
  readonly transport: MailTransport;
  readonly logger: Logger;
  readonly pollMs?: number;
  /**
   * How long a claimed message is reserved for this instance before another may retry it: a
   * message claimed by an instance that then crashed waits this long (60 s) before another sends it.
   */
  readonly claimMs?: number;
  /** How long after queuing a message delivery is still tried (SESAME_MAIL_RETRY_HOURS). */
  readonly retryHorizonMs?: number;
}

/** Default delivery horizon: a day, so an SMTP outage over a night loses no mail. */
export const defaultRetryHorizonMs = 24 * 60 * 60 * 1000;

const backoffMs = (attempts: number): number => Math.min(1000 * 2 ** attempts, 10 * 60 * 1000);

/**
 * Delivers the outbox through SMTP. Several instances may run: each message is claimed with a
 * conditional update first, and only marked sent after the SMTP server accepted it (at-least-once;
 * the outbox id is the Message-ID, so a retry is recognisable).
 */
export function startMailSender(options: MailSenderOptions): MailSender {
  const { db, transport, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  const claimMs = options.claimMs ?? 60_000;
  const horizonMs = options.retryHorizonMs ?? defaultRetryHorizonMs;
  let stopped = false;

  /** Sends one claimed message; false (and a retry planned) when the SMTP server refused it. */
  async function sendOne(row: Selectable<MailTables["mail_outbox"]>): Promise<boolean> {
    try {
      await transport.sendMail({
        messageId: `<${row.id}@sesame>`,
        to: row.to_address,
        from: row.from_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
      });
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const nextAttemptAt = Date.now() + backoffMs(attempts);
      if (nextAttemptAt > row.created_at + horizonMs)
        logger.error(
          { outboxId: row.id, attempts, err: error },
          "mail delivery abandoned: retry horizon reached",
        );
      else logger.warn({ outboxId: row.id, attempts, err: error }, "mail delivery failed, will retry");
      await db
        .updateTable("mail_outbox")
        .set({
          attempts,
          claimed_until: null,
          next_attempt_at: nextAttemptAt,
          last_error: error instanceof Error ? error.message.slice(0, 500) : String(error),
        })
        .where("id", "=", row.id)
        .execute();
      return false;
    }
  }

  /**
   * One pass over the due messages: claimed together with one conditional update and marked sent
   * together once the pass is over, so a burst of mail (a security mail per sign-in) costs two
   * commits per pass rather than two per message. Until marked, a sent message stays claimed: a
   * crash in between sends it again after the claim lapses (at-least-once, same Message-ID).
   */
  async function pass(): Promise<number> {
    const now = Date.now();
    const due = await db
      .selectFrom("mail_outbox")
      .select("id")
      .where("sent_at", "is", null)
      .where("next_attempt_at", "<=", now)
      .where("created_at", ">=", now - horizonMs)
      .orderBy("next_attempt_at")
      .limit(50)
      .execute();
    if (due.length === 0) return 0;
    const claimed = await db
      .updateTable("mail_outbox")
      .set({ claimed_until: now + claimMs })
      .where(
        "id",
        "in",
        due.map((row) => row.id),
      )
      .where("sent_at", "is", null)
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
      .returningAll()
      .execute();
    const sent: string[] = [];
    let tried = 0;
    try {
      for (const row of claimed) {
        if (stopped) break;
        tried++;
        if (await sendOne(row)) sent.push(row.id);
      }
    } finally {
      // Stopped before their turn: released at once for the next pass or another instance.
      const untried = claimed.slice(tried).map((row) => row.id);
      if (untried.length > 0)
        await db.updateTable("mail_outbox").set({ claimed_until: null }).where("id", "in", untried).execute();
      // Sent: the codes and links it carried are of no more use here, and a stolen database must
      // not reveal them; who, what subject and when stay for support questions.
      if (sent.length > 0)
        await db
          .updateTable("mail_outbox")
          .set({ sent_at: Date.now(), claimed_until: null, text_body: "", html_body: "" })
          .where("id", "in", sent)
          .execute();
    }
    return sent.length;
  }

  // A kick during a pass (the mail of the sign-up after the one being sent) gets the pass that
  // follows it, instead of waiting for the next poll. One pass at a time, each sending in queue
  // order, keeps one recipient's mail in the order it was queued.
  const passes = serialPasses(reportedPass("mail outbox pass", { logger, stopped: () => stopped }, pass));
  const drain = () => passes.run();

  const timer = setInterval(() => {
    if (!stopped) void drain();
  }, pollMs);
  timer.unref();

  return {
    kick: () => {
      if (!stopped) void drain();
    },
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await passes.idle();
      transport.close();
    },
  };
}
