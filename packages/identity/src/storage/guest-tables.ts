import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";
import type { AppTables } from "./app-tables";

/** Graph's externalUserState of a guest: invited, then redeemed. */
export type ExternalUserState = "PendingAcceptance" | "Accepted";

/**
 * The B2B side of a guest user (Graph `userType` "Guest"): its account row is a work account of
 * the inviting tenant whose user principal name is `{address with @ → _}#EXT#@{initial domain}`;
 * this row holds the invited address, the redemption state and the pending redeem token.
 */
export interface GuestTable {
  account_id: string;
  tenant_id: string;
  /** The invited address as typed (Graph `mail`). */
  email: string;
  email_normalized: string;
  external_user_state: ExternalUserState;
  state_changed_at: number;
  /** The latest invitation's id (Graph invitation.id). */
  invitation_id: string;
  invite_redirect_url: string;
  /** SHA-256 of the pending redeem link's secret; null once redeemed. */
  redeem_token_hash: string | null;
  /** How the guest redeemed: the token's `idp` ("mail", "live.com", a home tenant's issuer). */
  redeemed_idp: string | null;
  /** The account the guest redeemed with (a personal account or a work account elsewhere). */
  home_account_id: string | null;
  invited_at: number;
}

/** A tenant's external collaboration settings; no row means Microsoft's defaults. */
export interface GuestSettingsTable {
  tenant_id: string;
  /** Graph authorizationPolicy.allowInvitesFrom. */
  allow_invites_from: "none" | "adminsAndGuestInviters" | "adminsGuestInvitersAndAllMembers";
  /** Guests without an account may redeem and sign in with an e-mailed code. */
  email_otp_enabled: number;
  /** The fallback redemption order, comma separated: microsoftAccount, emailOneTimePasscode. */
  fallback_order: string;
  /** The organisation's privacy statement, linked from the "Review permissions" page. */
  privacy_url: string | null;
  updated_at: number;
}

export interface GuestTables {
  guest: GuestTable;
  guest_settings: GuestSettingsTable;
}

export async function createGuestTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("guest")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("account.id").onDelete("cascade"))
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenant.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("external_user_state", "text", (c) => c.notNull())
    .addColumn("state_changed_at", TIME, (c) => c.notNull())
    .addColumn("invitation_id", "text", (c) => c.notNull())
    .addColumn("invite_redirect_url", "text", (c) => c.notNull())
    .addColumn("redeem_token_hash", "text")
    .addColumn("redeemed_idp", "text")
    .addColumn("home_account_id", "text")
    .addColumn("invited_at", TIME, (c) => c.notNull())
    .execute();
  // One guest per address and tenant: two invitations racing make one guest object.
  await db.schema
    .createIndex("guest_tenant_email")
    .on("guest")
    .columns(["tenant_id", "email_normalized"])
    .unique()
    .execute();
  await db.schema.createIndex("guest_redeem_token").on("guest").column("redeem_token_hash").execute();
  await db.schema
    .createTable("guest_settings")
    .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenant.id").onDelete("cascade"))
    .addColumn("allow_invites_from", "text", (c) => c.notNull())
    .addColumn("email_otp_enabled", "integer", (c) => c.notNull())
    .addColumn("fallback_order", "text", (c) => c.notNull())
    .addColumn("privacy_url", "text")
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
}

/** Graph's User.Invite.All (Microsoft's ids), delegated and application, on the built-in Graph app. */
export async function addInvitePermissions(db: Kysely<unknown>): Promise<void> {
  const d = db as Kysely<AppTables>;
  const graph = await d
    .selectFrom("application")
    .select("id")
    .where("app_id", "=", "00000003-0000-0000-c000-000000000000")
    .executeTakeFirst();
  if (!graph) return;
  const label = {
    fr: "Inviter des invités dans l'organisation",
    en: "Invite guest users to the organization",
  };
  await d
    .insertInto("application_permission")
    .values([
      {
        id: "63dd7cd9-b489-4adf-a28c-ac38b9a0f962",
        application_id: graph.id,
        kind: "scope",
        value: "User.Invite.All",
        admin_consent_required: 1,
        label_fr: label.fr,
        label_en: label.en,
      },
      {
        id: "09850681-111b-4a89-9bed-3f2cae46d706",
        application_id: graph.id,
        kind: "role",
        value: "User.Invite.All",
        admin_consent_required: 1,
        label_fr: label.fr,
        label_en: label.en,
      },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
}
