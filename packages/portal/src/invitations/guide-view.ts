import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { approvalLink } from "../consent/approval-link";
import { consentStateFor } from "../consent/consent-queries";
import { type FirmRequest, firmOf } from "../firms/firm-access";
import { speakContactLanguage } from "../i18n/contact-language";
import { refreshReadiness } from "../readiness/readiness-operations";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import type { FirmTable } from "../storage/firm-tables";
import { sendPage, tr } from "../ui/page";
import { guideBody } from "./guide-page";
import { findInvitationByToken, invitedContact } from "./invitation-queries";
import { invitationProblem, nextGuideStep } from "./invitation-rules";

const MICROSOFT = "https://login.microsoftonline.com";

/** Where a person without a Microsoft account creates one, coming back to the guide afterwards. */
export function signupUrl(authority: string, email: string, returnUrl: string): string {
  if (authority === MICROSOFT) return `https://signup.live.com/signup?username=${encodeURIComponent(email)}`;
  return `${authority}/signup?email=${encodeURIComponent(email)}&return_url=${encodeURIComponent(returnUrl)}`;
}

export interface OpenedGuide {
  readonly firm: FirmTable;
  readonly contact: ContactTable;
  readonly token: string;
}

type GuideRequest = FirmRequest & { readonly params: { readonly token: string } };

/** The invitation behind a link, or the page that says why the link no longer works. */
export async function openGuide(
  ctx: PortalContext,
  request: GuideRequest,
  reply: FastifyReply,
): Promise<OpenedGuide | undefined> {
  const firm = await firmOf(ctx, request);
  const { token } = request.params;
  const invitation = token.length <= 100 ? await findInvitationByToken(ctx.db, token) : undefined;
  const problem = invitationProblem(invitation && invitation.firm_id === firm.id ? invitation : undefined);
  const contact =
    invitation && !problem ? await invitedContact(ctx.db, firm.id, invitation.contact_id) : undefined;
  if (!invitation || problem || !contact) {
    const t = tr(request);
    const kind = problem ?? "unknown";
    sendPage(request, reply, {
      status: kind === "unknown" ? 404 : 410,
      title: t("guide.problem.title"),
      body: html`<h1>${t("guide.problem.title")}</h1><p class="error" role="alert">${t(`guide.problem.${kind}`)}</p>
${kind === "used" ? html`<p><a href="/${firm.code}/signin">${t("guide.problem.signin")}</a></p>` : ""}`,
    });
    return undefined;
  }
  speakContactLanguage(request, contact.language);
  return { firm, contact, token };
}

/** The guide's one next step for the person; every visit checks their readiness again first. */
export async function showGuide(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, contact: contactBefore, token }: OpenedGuide,
  extra: { forwardedTo?: string; forwardError?: string },
  status = extra.forwardError ? 400 : 200,
  recheck = true,
) {
  const t = tr(request);
  let contact = contactBefore;
  // Someone back from creating an account or from their admin moves on without doing anything.
  if (recheck) {
    await refreshReadiness(ctx, contact);
    contact = (await invitedContact(ctx.db, firm.id, contact.id)) ?? contact;
  }
  const step = nextGuideStep(contact);
  const guidePath = `/${firm.code}/guide/${token}`;
  const approvalUrl =
    step === "ask_approval"
      ? approvalLink({
          authority: ctx.authority,
          clientId: ctx.config.SESAME_CLIENT_ID,
          portalOrigin: ctx.origin,
          firmCode: firm.code,
          state: await consentStateFor(ctx.db, firm.id, contact.id),
        })
      : undefined;
  return sendPage(request, reply, {
    status,
    title: t("guide.title"),
    body: guideBody(t, reply, {
      firm,
      contact,
      step,
      guidePath,
      // Back from the sign-up straight into the portal's sign-in, which identity's fresh session
      // completes without asking (issue 13, defect 11).
      signupUrl: signupUrl(ctx.authority, contact.email, `${ctx.origin}${guidePath}/signin`),
      approvalUrl,
      ...extra,
    }),
  });
}
