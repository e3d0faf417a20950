import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { inviteGuest } from "../guests/guest-invitation-operations";
import { findGuest, guestSettingsRow } from "../guests/guest-queries";
import { mayInvite, settingsOf } from "../guests/guest-rules";
import { rolesOf } from "../roles/role-queries";
import { badRequest, denied } from "./graph-error";
import { type GraphScope, graphScope } from "./graph-handler";
import { context } from "./graph-shapes";
import { requirePermission } from "./graph-token";

/** Microsoft's permissions for POST /invitations (invitation-post): User.Invite.All or a broader write. */
const INVITE = {
  delegated: ["User.Invite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"],
  application: ["User.Invite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"],
};

const invitationBody = z.object({
  invitedUserEmailAddress: z.string().min(3).max(254),
  inviteRedirectUrl: z
    .string()
    .max(2048)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "must be an http or https URL"),
  invitedUserDisplayName: z.string().max(256).nullish(),
  invitedUserType: z.enum(["Guest", "Member"]).nullish(),
  sendInvitationMessage: z.boolean().nullish(),
  invitedUserMessageInfo: z
    .object({
      customizedMessageBody: z.string().max(4000).nullish(),
      messageLanguage: z.string().max(16).nullish(),
      ccRecipients: z.array(z.unknown()).max(1).nullish(),
    })
    .nullish(),
  resetRedemption: z.boolean().nullish(),
});

/** Delegated callers need an inviting role (or members may invite); apps need the permission only. */
async function inviter(scope: GraphScope, ctx: IdentityContext): Promise<Actor> {
  requirePermission(scope.caller, INVITE);
  const { userId, clientId } = scope.caller;
  if (!userId) return { id: null, name: `application ${clientId}`, source: "graph" };
  const [roles, settings, guest] = await Promise.all([
    rolesOf(ctx.db, userId),
    guestSettingsRow(ctx.db, scope.tenant.id).then(settingsOf),
    findGuest(ctx.db, userId),
  ]);
  if (!mayInvite(roles, settings, guest !== undefined)) throw denied();
  return { id: userId, name: userId, source: "graph" };
}

/** Graph `POST /v1.0/invitations`: a guest user now, its redeem link, and the mail when asked. */
export function registerGraphInvitations(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    "/v1.0/invitations",
    { config: { csrf: false }, schema: { body: invitationBody } },
    async (request, reply) => {
      const scope = graphScope(request);
      const actor = await inviter(scope, ctx);
      const { body } = request;
      if (body.invitedUserType === "Member")
        throw badRequest("invitedUserType: only Guest invitations are supported.");
      const info = body.invitedUserMessageInfo;
      const language = info?.messageLanguage ?? null;
      const invitation = await inviteGuest(ctx, actor, {
        tenant: scope.tenant,
        email: body.invitedUserEmailAddress,
        redirectUrl: body.inviteRedirectUrl,
        displayName: body.invitedUserDisplayName ?? undefined,
        sendMail: body.sendInvitationMessage ?? false,
        customMessage: info?.customizedMessageBody ?? undefined,
        locale: language?.toLowerCase().startsWith("fr") ? "fr" : "en",
        resetRedemption: body.resetRedemption ?? false,
        detail: { via: "graph" },
      });
      return reply.code(201).send({
        "@odata.context": context("invitations/$entity"),
        id: invitation.id,
        inviteRedeemUrl: invitation.redeemUrl,
        invitedUserDisplayName: invitation.account.display_name,
        invitedUserType: "Guest",
        invitedUserEmailAddress: invitation.guest.email,
        sendInvitationMessage: body.sendInvitationMessage ?? false,
        resetRedemption: body.resetRedemption ?? false,
        inviteRedirectUrl: body.inviteRedirectUrl,
        status: invitation.status,
        invitedUserMessageInfo: {
          messageLanguage: language,
          ccRecipients: [{ emailAddress: { name: null, address: null } }],
          customizedMessageBody: info?.customizedMessageBody ?? null,
        },
        invitedUser: { id: invitation.account.id },
      });
    },
  );
}
