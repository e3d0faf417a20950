import { preparedPerDatabase } from "@sesame/kit/db/prepared-query";
import type { Kysely } from "kysely";
import { type FactorFacts, secondFactorMissingOf } from "../factors/mfa-rules";
import { AadstsError } from "../protocol/aadsts";
import { ROLES } from "../roles/role-catalogue";
import type { ExternalUserState } from "../storage/guest-tables";
import type { IdentityDB } from "../storage/schema";
import type { UserFacts } from "./token-claims";

interface FactsRow {
  id: string;
  tenant_id: string;
  email: string;
  display_name: string;
  kind: "personal" | "work";
  enabled: number;
  guest_email: string | null;
  guest_state: ExternalUserState | null;
  redeemed_idp: string | null;
  totp_enabled_at: number | null;
  passkeys: number | string | null;
  administrator: number | boolean | null;
  security_defaults: number | null;
  first_asked_at: number | null;
  required_at: number | null;
  amr: string | null;
}

/**
 * Everything a user token (and /authorize) asks of an account, in one statement: the account, its
 * guest row, its second factors and registration, its administrator roles, its tenant's security
 * defaults and the session's `amr`. Read at every redemption and refresh (it was seven statements,
 * each built by Kysely, bench profile); nothing of it is cached, so a disabled account, a factor
 * added or a session's step-up counts at the next request.
 */
const factsQuery = preparedPerDatabase<IdentityDB, { accountId: string; sessionId: string | null }, FactsRow>(
  (db, param) =>
    db
      .selectFrom("account as a")
      .leftJoin("guest as g", "g.account_id", "a.id")
      .leftJoin("totp_factor as t", "t.account_id", "a.id")
      .leftJoin("factor_registration as r", "r.account_id", "a.id")
      .leftJoin("security_defaults as d", "d.tenant_id", "a.tenant_id")
      .leftJoin("sign_in_session as s", (join) => join.on("s.id", "=", param("sessionId")))
      .select([
        "a.id",
        "a.tenant_id",
        "a.email",
        "a.display_name",
        "a.kind",
        "a.enabled",
        "g.email as guest_email",
        "g.external_user_state as guest_state",
        "g.redeemed_idp",
        "t.enabled_at as totp_enabled_at",
        "d.enabled as security_defaults",
        "r.first_asked_at",
        "r.required_at",
        "s.amr",
      ])
      .select((eb) => [
        eb
          .selectFrom("passkey as p")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("p.account_id", "=", "a.id")
          .as("passkeys"),
        eb
          .exists(
            eb
              .selectFrom("directory_role_assignment as ra")
              .select("ra.account_id")
              .whereRef("ra.account_id", "=", "a.id")
              // isAdministratorRole: every role but Global Reader.
              .where("ra.role_template_id", "!=", ROLES.globalReader),
          )
          .as("administrator"),
      ])
      .where("a.id", "=", param("accountId")),
);

/** An account as the token path sees it: what its tokens say, and what its MFA rules need. */
export interface UserTokenFacts {
  readonly enabled: boolean;
  readonly user: UserFacts;
  /** A guest who has not accepted the inviting organisation's permissions yet. */
  readonly awaitsReview: boolean;
  readonly factors: FactorFacts;
  /** The session's `amr`; "pwd" when the session row is gone (as before this statement). */
  readonly amr: readonly string[];
}

/** One statement; undefined when the account does not exist. `sessionId` null: no session's amr. */
export async function readUserTokenFacts(
  db: Kysely<IdentityDB>,
  accountId: string,
  sessionId: string | null,
): Promise<UserTokenFacts | undefined> {
  const [row] = (await factsQuery(db, { accountId, sessionId })).rows;
  if (!row) return undefined;
  const work = row.kind === "work";
  return {
    enabled: row.enabled === 1,
    user: {
      oid: row.id,
      tid: row.tenant_id,
      email: row.email,
      name: row.display_name,
      kind: row.kind,
      guest:
        row.guest_email === null ? undefined : { mail: row.guest_email, idp: row.redeemed_idp ?? "mail" },
    },
    awaitsReview: row.guest_state === "PendingAcceptance",
    factors: {
      work,
      administrator: work && Boolean(row.administrator),
      securityDefaults: work && row.security_defaults === 1,
      registration:
        row.first_asked_at === null && row.required_at === null
          ? undefined
          : { first_asked_at: row.first_asked_at, required_at: row.required_at },
      hasFactor: Boolean(row.totp_enabled_at) || Number(row.passkeys ?? 0) > 0,
    },
    amr: row.amr === null ? ["pwd"] : row.amr.split(" "),
  };
}

/** An account a token may be for: a deleted or disabled account's grants no longer work (AADSTS70008). */
export function enabledAccount(facts: UserTokenFacts | undefined): UserTokenFacts {
  if (!facts?.enabled) throw new AadstsError(70008);
  return facts;
}

/** The session's sign-in lacks a second factor the account now needs. */
export const factorMissing = (facts: UserTokenFacts, amr: readonly string[]): boolean =>
  secondFactorMissingOf(facts.factors, amr);
