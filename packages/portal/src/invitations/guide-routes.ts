import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { escapeHtml, html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { approvalLink } from "../consent/approval-link";
import { consentStateFor } from "../consent/consent-registry";
import { findContact, saveReadiness } from "../contacts/contact-queries";
import { firmOf } from "../firms/firm-access";
import type { Firm } from "../firms/firm-queries";
import { translate } from "../i18n/messages";
import { startSignIn } from "../identity-client/start-signin";
import { checkReadiness } from "../readiness/check-readiness";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { sendPage, tr } from "../ui/page";
import { guideBody } from "./guide-page";
import { invitationProblem, nextGuideStep } from "./invitation-rules";
import { findInvitationByToken } from "./invitation-store";

const MICROSOFT = "https://login.microsoftonline.com";

/** Where a person without a Microsoft account creates one, coming back to the guide afterwards. */
export function signupUrl(authority: string, email: string, returnUrl: string): string {
  if (authority === MICROSOFT) return `https://signup.live.com/signup?username=${encodeURIComponent(email)}`;
  return `${authority}/signup?email=${encodeURIComponent(email)}&return_url=${encodeURIComponent(returnUrl)}`;
}

export function registerGuideRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get("/:firm/guide/:token", async (request, reply) => {
    const opened = await openGuide(ctx, request, reply);
    if (!opened) return reply;
    return showGuide(ctx, request, reply, opened.firm, opened.contact, opened.token, {});
  });

  app.post("/:firm/guide/:token/forward", async (request, reply) => {
    const opened = await openGuide(ctx, request, reply);
    if (!opened) return reply;
    const { firm, contact, token } = opened;
    const t = tr(request);
    const parsed = z
      .object({ admin_email: z.string().trim().email().max(254) })
      .safeParse(request.body ?? {});
    if (!parsed.success)
      return showGuide(ctx, request, reply, firm, contact, token, {
        forwardError: t("guide.forward.invalid"),
      });
    if ((await ctx.counters.increment(`forward:${contact.id}`, 60 * 60 * 1000)) > 5) {
      return showGuide(
        ctx,
        request,
        reply,
        firm,
        contact,
        token,
        { forwardError: t("guide.forward.limit") },
        429,
      );
    }
    const link = approvalLink({
      authority: ctx.authority,
      clientId: ctx.config.SESAME_CLIENT_ID,
      portalOrigin: ctx.origin,
      firmCode: firm.code,
      state: await consentStateFor(ctx.db, firm.id, contact.id),
    });
    const mt = translate(request.locale);
    const params = {
      firm: firm.name,
      name: `${contact.first_name} ${contact.last_name}`,
      email: contact.email,
    };
    await enqueueMail(narrow<MailTables, PortalDB>(ctx.db), {
      to: parsed.data.admin_email,
      from: ctx.config.SESAME_MAIL_FROM,
      subject: mt("forward.mail.subject", params),
      text: `${mt("forward.mail.body", params)}\n\n${link}\n\n${mt("forward.mail.why")}`,
      html: `<p>${escapeHtml(mt("forward.mail.body", params))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${escapeHtml(mt("forward.mail.why"))}</p>`,
    });
    ctx.mailQueued();
    return showGuide(
      ctx,
      request,
      reply,
      firm,
      contact,
      token,
      { forwardedTo: parsed.data.admin_email },
      200,
      false,
    );
  });

  app.get("/:firm/guide/:token/signin", async (request, reply) => {
    const opened = await openGuide(ctx, request, reply);
    if (!opened) return reply;
    const url = await startSignIn(ctx, {
      kind: "contact",
      firmId: opened.firm.id,
      invitationToken: opened.token,
      returnTo: `/${opened.firm.code}/espace`,
      loginHint: opened.contact.email,
    });
    return reply.redirect(url);
  });
}

/** The invitation behind a link, or the page that says why the link no longer works. */
async function openGuide(ctx: PortalContext, request: FastifyRequest, reply: FastifyReply) {
  const firm = await firmOf(ctx, request);
  const { token } = request.params as { token: string };
  const invitation = token.length <= 100 ? await findInvitationByToken(ctx.db, token) : undefined;
  const problem = invitationProblem(invitation && invitation.firm_id === firm.id ? invitation : undefined);
  const contact =
    invitation && !problem ? await findContact(ctx.db, firm.id, invitation.contact_id) : undefined;
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
  return { firm, contact, token };
}

async function showGuide(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  firm: Firm,
  contactBefore: Awaited<ReturnType<typeof findContact>> & object,
  token: string,
  extra: { forwardedTo?: string; forwardError?: string },
  status = extra.forwardError ? 400 : 200,
  recheck = true,
) {
  const t = tr(request);
  let contact = contactBefore;
  // Every visit checks again, so someone back from creating an account or from their admin moves on.
  if (recheck) {
    const readiness = await checkReadiness(ctx, firm.id, contact.email);
    await saveReadiness(ctx.db, contact.id, readiness);
    contact = (await findContact(ctx.db, firm.id, contact.id)) ?? contact;
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
      signupUrl: signupUrl(ctx.authority, contact.email, `${ctx.origin}${guidePath}`),
      approvalUrl,
      ...extra,
    }),
  });
}
