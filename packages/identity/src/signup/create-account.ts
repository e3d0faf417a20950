import { narrow } from "@sesame/kit/db/database";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { enqueueMail, type MailMessage } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { Kysely } from "kysely";
import { newAccountRow } from "../accounts/new-account";
import { newPersonalObjectId } from "../accounts/object-id";
import { CONSUMER_TENANT_ID } from "../config";
import type { IdentityDB } from "../storage/schema";
import type { SignupState } from "./signup-state";

export type Creation = { ok: true; accountId: string } | { ok: false; reason: "taken" };

/** "Camille.Durand@…" → "Camille Durand": the name shown until the person sets one. */
export function displayNameFrom(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local.replace(/[._+-]+/g, " ").trim() || local;
}

/**
 * The account, its welcome mail and the end of the sign-up attempt, in one transaction. The unique
 * index on the normalised address decides between simultaneous completions: exactly one commits,
 * the others roll back whole (no account, no mail) and hear that the address is taken.
 */
export async function createPersonalAccount(
  db: Kysely<IdentityDB>,
  input: {
    attemptId: string;
    state: Required<Pick<SignupState, "email" | "passwordHash" | "country" | "birthDate">> & SignupState;
    language: string;
    welcome: MailMessage;
  },
): Promise<Creation> {
  const { state } = input;
  const now = Date.now();
  const id = newPersonalObjectId();
  try {
    await db.transaction().execute(async (trx) => {
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
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "taken" };
    throw error;
  }
  return { ok: true, accountId: id };
}
