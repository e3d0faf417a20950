import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Account } from "../accounts/account-queries";
import { normalizeEmail } from "../accounts/email";
import { lockoutSubject } from "../lockout/lockout";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

/** Tables whose rows belong to one account (its `account_id`) and go with it, whole. */
const OWN_ROWS = [
  "sign_in_session",
  "refresh_token",
  "authorization_code",
  "device_code",
  "factor_challenge",
  "reopen_challenge",
  "recovery_code",
  "totp_factor",
  "known_device",
  "security_alert",
  "marketing_consent_event",
  "licence_assignment",
  "directory_role_assignment",
  "password_reset",
  "guest",
  "passkey",
  "passkey_challenge",
  "factor_registration",
] as const satisfies readonly (keyof IdentityDB)[];

/** A fresh pseudonymous id: random, so nothing derives it from the person. */
export const newPseudonym = (): string => `erased-${randomUUID()}`;

/**
 * Erases an account's personal data inside the caller's transaction. What an audit needs stays, with
 * the person replaced by `pseudonym`: the organization's audit trail, the sign-in log (time, result,
 * application; no address, IP or browser), consent requests and licence requests. Everything else
 * goes: the account, its sessions, tokens, factors, consents, codes, mail and mailbox. The guest
 * objects this account redeemed in other organizations are the same person there and go too.
 */
export async function eraseAccount(
  trx: Db,
  account: Account,
  input: { readonly pseudonym: string; readonly now: number },
): Promise<void> {
  const guestsRedeemed = await trx
    .selectFrom("guest")
    .innerJoin("account", "account.id", "guest.account_id")
    .selectAll("account")
    .where("guest.home_account_id", "=", account.id)
    .execute();
  for (const guest of guestsRedeemed) await eraseOne(trx, guest, newPseudonym(), input.now);
  await eraseOne(trx, account, input.pseudonym, input.now);
}

async function eraseOne(trx: Db, account: Account, pseudonym: string, now: number): Promise<void> {
  const address = normalizeEmail(account.email);
  // Read before the passkeys go: the names the person gave them are in the audit details.
  const passkeyNames = await trx
    .selectFrom("passkey")
    .select("name")
    .where("account_id", "=", account.id)
    .execute();
  await pseudonymizeAuditTrail(
    trx,
    account,
    pseudonym,
    passkeyNames.map((key) => key.name),
  );
  for (const table of OWN_ROWS) {
    await trx.deleteFrom(table).where("account_id", "=", account.id).execute();
  }
  await trx.deleteFrom("oauth2_permission_grant").where("principal_id", "=", account.id).execute();
  await trx.deleteFrom("password_reset").where("email", "=", address).execute();
  await trx.deleteFrom("email_code").where("address", "in", [account.email, address]).execute();
  await trx.deleteFrom("signin_lockout").where("subject", "=", lockoutSubject(address)).execute();
  await trx.deleteFrom("mailbox_message").where("to_address", "in", [account.email, address]).execute();
  await trx.deleteFrom("mail_outbox").where("to_address", "in", [account.email, address]).execute();
  await trx
    .updateTable("sign_in_log")
    .set({ account_id: pseudonym, user_principal_name: pseudonym, ip: "", user_agent: "" })
    .where((eb) =>
      eb.or([eb("account_id", "=", account.id), eb("user_principal_name", "in", [account.email, address])]),
    )
    .execute();
  await trx
    .updateTable("user_consent_request")
    .set({ user_id: pseudonym, user_name: "", user_email: "", justification: "" })
    .where("user_id", "=", account.id)
    .execute();
  await trx
    .updateTable("user_consent_request")
    .set({ reviewed_by_id: pseudonym, reviewed_by_name: "" })
    .where("reviewed_by_id", "=", account.id)
    .execute();
  await trx
    .updateTable("licence_request")
    .set({ requested_by: pseudonym })
    .where("requested_by", "=", account.id)
    .execute();
  await trx
    .updateTable("licence_request")
    .set({ contact_email: "" })
    .where("contact_email", "in", [account.email, address])
    .execute();
  await trx.deleteFrom("account").where("id", "=", account.id).execute();
  await trx
    .insertInto("erased_account")
    .values({
      pseudonym,
      tenant_id: account.tenant_id,
      kind: account.kind,
      requested_at: account.deletion_requested_at ?? null,
      erased_at: now,
    })
    .execute();
}

/**
 * The audit trail keeps what was done and when; who it was done by or to becomes the pseudonym.
 * `ownWords` (the person's passkey names, free text such as "Claire's phone") are scrubbed only
 * from the entries about the person: searched for alone, a name like "Laptop" would hit everyone's.
 */
async function pseudonymizeAuditTrail(
  trx: Db,
  account: Account,
  pseudonym: string,
  ownWords: readonly string[],
): Promise<void> {
  const traces = [account.id, account.email, normalizeEmail(account.email), account.display_name]
    .filter((trace) => trace.length >= 3)
    .sort((a, b) => b.length - a.length);
  const rows = await trx
    .selectFrom("audit_log")
    .select(["id", "actor_id", "actor_name", "target", "detail", "source"])
    .where((eb) =>
      eb.or([
        eb("actor_id", "=", account.id),
        ...traces.flatMap((trace) => [
          eb("target", "=", trace),
          sql<boolean>`${sql.ref("detail")} like ${`%${escapeLike(trace)}%`} escape '\\'`,
          eb("actor_name", "=", trace),
        ]),
      ]),
    )
    .execute();
  const words = [...traces, ...ownWords.filter((word) => word.length > 0)].sort(
    (a, b) => b.length - a.length,
  );
  const scrub = (value: string) => words.reduce((text, word) => text.split(word).join(pseudonym), value);
  for (const row of rows) {
    const own = row.actor_id === account.id || traces.includes(row.actor_name);
    await trx
      .updateTable("audit_log")
      .set({
        actor_id: row.actor_id === account.id ? pseudonym : row.actor_id,
        actor_name: own ? pseudonym : row.actor_name,
        // The holder's own actions were recorded with their IP address.
        source: own ? "" : row.source,
        target: scrub(row.target),
        detail: scrub(row.detail),
      })
      .where("id", "=", row.id)
      .execute();
  }
}

/** LIKE's wildcards in an address or a name match themselves. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
