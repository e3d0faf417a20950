import { createHash, randomBytes, randomUUID } from "node:crypto";
import { narrow } from "@sesame/kit/db/database";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { Locale } from "@sesame/kit/i18n/i18n";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { Account } from "../accounts/account-queries";
import { looksLikeEmail, normalizeEmail } from "../accounts/email";
import { newAccountRow } from "../accounts/new-account";
import { newObjectId } from "../accounts/object-id";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";
import type { Tenant } from "../tenants/tenant-queries";
import { findGuestByEmail, type Guest, initialDomain } from "./guest-queries";
import { defaultGuestDisplayName, guestUserPrincipalName } from "./guest-rules";
import { invitationMail } from "./invitation-mail";

type Db = Kysely<IdentityDB>;

export interface InvitationInput {
  readonly tenant: Pick<Tenant, "id" | "display_name">;
  readonly email: string;
  readonly redirectUrl: string;
  readonly displayName?: string | undefined;
  readonly sendMail: boolean;
  readonly customMessage?: string | undefined;
  readonly locale: Locale;
  readonly resetRedemption: boolean;
  /** Audit detail that says which front-end acted, e.g. `{ via: "graph" }`. */
  readonly detail?: Record<string, unknown>;
}

export interface Invitation {
  readonly id: string;
  readonly redeemUrl: string;
  readonly status: "PendingAcceptance" | "Completed";
  readonly guest: Guest;
  readonly account: Account;
}

/** The SHA-256 under which a redeem link's secret is stored. */
export const redeemTokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The user principal name of a member (not a guest) of the tenant holding this address, if any. */
async function memberHolding(trx: Db, tenantId: string, email: string): Promise<boolean> {
  const member = await trx
    .selectFrom("account")
    .leftJoin("guest", "guest.account_id", "account.id")
    .select("account.id")
    .where("account.tenant_id", "=", tenantId)
    .where("account.email_normalized", "=", normalizeEmail(email))
    .where("guest.account_id", "is", null)
    .executeTakeFirst();
  return member !== undefined;
}

async function invite(ctx: IdentityContext, actor: Actor, input: InvitationInput): Promise<Invitation> {
  const email = input.email.trim();
  if (!looksLikeEmail(email)) throw new DirectoryError("directory.error.guestAddress", { address: email });
  const token = randomBytes(32).toString("base64url");
  const redeemUrl = `${ctx.origin}/redeem?rd=${token}`;
  const invitation = await audited(ctx, actor, async (trx) => {
    if (await memberHolding(trx, input.tenant.id, email))
      throw new DirectoryError("directory.error.guestIsMember", { address: email });
    const now = Date.now();
    const id = randomUUID();
    const existing = await findGuestByEmail(trx, input.tenant.id, email);
    let guest: Guest;
    let status: Invitation["status"] = "PendingAcceptance";
    if (existing) {
      const accepted = existing.external_user_state === "Accepted" && !input.resetRedemption;
      if (accepted) status = "Completed";
      guest = {
        ...existing,
        invitation_id: id,
        invite_redirect_url: input.redirectUrl,
        redeem_token_hash: redeemTokenHash(token),
        ...(accepted
          ? {}
          : {
              external_user_state: "PendingAcceptance",
              state_changed_at: existing.external_user_state === "Accepted" ? now : existing.state_changed_at,
              redeemed_idp: null,
              home_account_id: null,
            }),
      };
      await trx.updateTable("guest").set(guest).where("account_id", "=", existing.account_id).execute();
    } else {
      const domain = await initialDomain(trx, input.tenant.id);
      if (!domain) throw new DirectoryError("directory.error.noInitialDomain");
      const account = newAccountRow(
        {
          id: newObjectId(),
          tenantId: input.tenant.id,
          kind: "work",
          email: guestUserPrincipalName(email, domain),
          // No password: a guest signs in at home, with a personal account or with a mailed code.
          passwordHash: "!",
          displayName: input.displayName?.trim() || defaultGuestDisplayName(email),
          language: input.locale,
        },
        now,
      );
      await trx.insertInto("account").values(account).execute();
      guest = {
        account_id: account.id,
        tenant_id: input.tenant.id,
        email,
        email_normalized: normalizeEmail(email),
        external_user_state: "PendingAcceptance",
        state_changed_at: now,
        invitation_id: id,
        invite_redirect_url: input.redirectUrl,
        redeem_token_hash: redeemTokenHash(token),
        redeemed_idp: null,
        home_account_id: null,
        invited_at: now,
      };
      await trx.insertInto("guest").values(guest).execute();
    }
    const account = await trx
      .selectFrom("account")
      .selectAll()
      .where("id", "=", guest.account_id)
      .executeTakeFirstOrThrow();
    if (input.sendMail)
      await enqueueMail(
        narrow<MailTables, IdentityDB>(trx),
        invitationMail({
          locale: input.locale,
          to: email,
          from: ctx.config.SESAME_MAIL_FROM,
          organisation: input.tenant.display_name,
          customMessage: input.customMessage,
          redeemUrl,
        }),
      );
    return {
      result: { id, redeemUrl, status, guest, account },
      audit: {
        scope: input.tenant.id,
        action: "guest.invite",
        target: email,
        detail: { ...input.detail, status, resetRedemption: input.resetRedemption, mailed: input.sendMail },
      },
    };
  });
  if (input.sendMail) ctx.mailQueued();
  return invitation;
}

/**
 * Invites an address as a guest of the tenant: the guest user exists from now on. Inviting again
 * gives a new redeem link (the old one stops working); a redeemed guest stays redeemed unless
 * `resetRedemption`, which sends them through redemption again. Two invitations racing for one
 * address make one guest: the loser of the unique index reads the winner's guest on its retry.
 */
export async function inviteGuest(
  ctx: IdentityContext,
  actor: Actor,
  input: InvitationInput,
): Promise<Invitation> {
  try {
    return await invite(ctx, actor, input);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return invite(ctx, actor, input);
  }
}
