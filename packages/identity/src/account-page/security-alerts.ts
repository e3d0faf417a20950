import { createHash, randomBytes } from "node:crypto";
import { narrow } from "@sesame/kit/db/database";
import type { Locale } from "@sesame/kit/i18n/i18n";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { Kysely } from "kysely";
import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { endEverything } from "./account-operations";
import { placeOf } from "./ip-place";
import { type SecurityEvent, securityMail } from "./security-mails";

type Db = Kysely<IdentityDB>;
const LINK_MS = 30 * 24 * 60 * 60 * 1000;
const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

/** A new value for the browser's device cookie. */
export const newDeviceToken = (): string => randomBytes(32).toString("base64url");

/**
 * Queues the security mail of `event` with a fresh single-use "This wasn't me" link, inside the
 * caller's transaction: the mail exists if and only if the event was recorded.
 */
export async function announce(
  trx: Db,
  ctx: Pick<IdentityContext, "config" | "origin">,
  account: Pick<Account, "id" | "email" | "language">,
  event: SecurityEvent,
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await trx
    .insertInto("security_alert")
    .values({
      token_hash: sha256(token),
      account_id: account.id,
      kind: event.kind,
      created_at: event.at,
      expires_at: event.at + LINK_MS,
      used_at: null,
    })
    .execute();
  const locale: Locale = account.language === "en" ? "en" : "fr";
  await enqueueMail(
    narrow<MailTables, IdentityDB>(trx),
    securityMail(locale, {
      to: account.email,
      from: ctx.config.SESAME_MAIL_FROM,
      event,
      notMeUrl: `${ctx.origin}/account/not-me?token=${token}`,
    }),
  );
}

/**
 * Remembers the browser a sign-in came from; a browser the account never used before is announced by
 * mail, except for the account's very first sign-in (the person who just created it). Runs in the
 * sign-in's transaction (`trx`): the device, the alert and its mail commit with the session.
 */
export async function noteSignInDevice(
  trx: Db,
  ctx: Pick<IdentityContext, "config" | "origin" | "logger">,
  input: { account: Account; deviceToken: string; ip: string; userAgent: string },
): Promise<void> {
  const now = Date.now();
  const hash = sha256(input.deviceToken);
  const known = await trx
    .updateTable("known_device")
    .set({ last_seen_at: now })
    .where("account_id", "=", input.account.id)
    .where("device_hash", "=", hash)
    .executeTakeFirst();
  if (Number(known.numUpdatedRows) > 0) return;
  const earlier = await trx
    .selectFrom("known_device")
    .select("device_hash")
    .where("account_id", "=", input.account.id)
    .executeTakeFirst();
  await trx
    .insertInto("known_device")
    .values({ account_id: input.account.id, device_hash: hash, first_seen_at: now, last_seen_at: now })
    .execute();
  if (earlier)
    await announce(trx, ctx, input.account, {
      kind: "new-sign-in",
      at: now,
      ip: input.ip,
      // Looked up only for a mail that goes out: the place data is read from disk on first use.
      place: await placeOf(input.ip, ctx.logger),
      userAgent: input.userAgent,
    });
}

/**
 * "This wasn't me": the link is used once; every session and refresh token of the account ends.
 * Returns the account's address for the password reset that follows, or undefined for a bad link.
 */
export async function secureAfterAlert(
  ctx: Pick<IdentityContext, "db">,
  token: string,
): Promise<string | undefined> {
  const now = Date.now();
  return ctx.db.transaction().execute(async (trx) => {
    const alert = await trx
      .selectFrom("security_alert as s")
      .innerJoin("account as a", "a.id", "s.account_id")
      .select(["s.account_id", "a.email"])
      .where("s.token_hash", "=", sha256(token))
      .where("s.used_at", "is", null)
      .where("s.expires_at", ">", now)
      .executeTakeFirst();
    if (!alert) return undefined;
    // Conditional on still unused: of two clicks racing, one secures the account, the other sees a used link.
    const used = await trx
      .updateTable("security_alert")
      .set({ used_at: now })
      .where("token_hash", "=", sha256(token))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return undefined;
    await endEverything(trx, alert.account_id);
    // Closed by someone else: the account stays, and its holder chooses a new password.
    await trx
      .updateTable("account")
      .set({ deletion_requested_at: null, deletion_due_at: null, updated_at: now })
      .where("id", "=", alert.account_id)
      .where("deletion_due_at", "is not", null)
      .execute();
    return alert.email;
  });
}
