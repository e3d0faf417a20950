import { narrow } from "@sesame/kit/db/database";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { enqueueMail, type MailMessage } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { Kysely } from "kysely";
import { newAccountRow } from "../accounts/new-account";
import { newPersonalObjectId } from "../accounts/object-id";
import { CONSUMER_TENANT_ID } from "../config";
import { openSession } from "../sessions/sessions";
import type { IdentityDB } from "../storage/schema";
import type { SignupState } from "./signup-state";

export type Creation = { ok: true; accountId: string; browserToken: string } | { ok: false; reason: "taken" };

/** "Camille.Durand@…" → "Camille Durand": the name shown until the person sets one. */
export function displayNameFrom(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local.replace(/[._+-]+/g, " ").trim() || local;
}

/**
 * The account, its welcome mail, the end of the sign-up attempt and the session that signs the
 * person in, in one transaction (one commit). The unique index on the normalised address decides
 * between simultaneous completions: exactly one commits, the others roll back whole (no account,
 * no mail, no session) and hear that the address is taken.
 */
export async function createPersonalAccount(
  db: Kysely<IdentityDB>,
  input: {
    attemptId: string;
    state: Required<Pick<SignupState, "email" | "passwordHash" | "country" | "birthDate">> & SignupState;
    language: string;
    welcome: MailMessage;
    /** The browser signed in by the sign-up: the session token it held (if any), its address and agent. */
    browser: { heldToken: string | undefined; ip: string; userAgent: string };
  },
): Promise<Creation> {
  const { state } = input;
  const now = Date.now();
  const id = newPersonalObjectId();
  try {
    const { browserToken } = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("account")
        .values(
          newAccountRow(
            {
              id,
              tenantId: CONSUMER_TENANT_ID,
              kind: "personal",
              email: state.email,
              passwordHash: state.passwordHash,
              displayName: displayNameFrom(state.email),
              country: state.country,
              birthDate: state.birthDate,
              language: input.language,
              emailVerifiedAt: state.newAddress ? now : (state.emailVerifiedAt ?? null),
              marketingConsentAt: state.marketingConsentAt ?? null,
            },
            now,
          ),
        )
        .execute();
      await enqueueMail(narrow<MailTables, IdentityDB>(trx), input.welcome);
      await trx.deleteFrom("signup_attempt").where("id", "=", input.attemptId).execute();
      return openSession(trx, { ...input.browser, accountId: id, persistent: false });
    });
    return { ok: true, accountId: id, browserToken };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "taken" };
    throw error;
  }
}
