import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firmOf, firmParams } from "../firms/firm-access";
import type { Firm } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { recordConsent } from "./consent-operations";
import { type ConsentProblem, problemStatus, readConsentReturn } from "./consent-outcome";
import { findConsentState } from "./consent-queries";
import { redeemConsentCode } from "./redeem-consent-code";

/**
 * /{firm}/authorize: where Microsoft (or identity) sends the administrator back after the approval
 * link, with a v1 code, an admin-consent answer or an error. The registry changes only on success.
 */
const answerQuery = z.object({
  code: queryText,
  state: queryText,
  error: queryText,
  error_description: queryText,
  error_subcode: queryText,
  admin_consent: queryText,
  tenant: queryText,
  scope: queryText,
});

export function registerConsentRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const schema = { params: firmParams, querystring: answerQuery };
  app.withTypeProvider<ZodTypeProvider>().get("/:firm/authorize", { schema }, async (request, reply) => {
    const firm = await firmOf(ctx, request);
    const answer = readConsentReturn(request.query);
    if (answer.kind === "error") return failure(request, reply, answer.problem, answer.aadsts);
    if (answer.kind === "admin_consent") {
      // No code to prove who answered: only an answer to one of our own links is believed.
      const known = answer.state ? await findConsentState(ctx.db, firm.id, answer.state) : undefined;
      if (!known) return failure(request, reply, "malformed", undefined);
      await recordConsent(ctx, firm.id, {
        tenantId: answer.tenantId,
        oid: null,
        name: null,
        permissions: answer.scope || "User.Read",
      });
      return success(request, reply, firm, null);
    }
    const redeemed = await redeemConsentCode(ctx.fetch, {
      authority: ctx.authority,
      clientId: ctx.config.SESAME_CLIENT_ID,
      clientSecret: ctx.config.SESAME_CLIENT_SECRET,
      code: answer.code,
      redirectUri: `${ctx.origin}/${firm.code}/authorize`,
    });
    if (!redeemed.ok) return failure(request, reply, "redeem", redeemed.aadsts);
    const { author } = redeemed;
    await recordConsent(ctx, firm.id, {
      tenantId: author.tenantId,
      oid: author.oid,
      name: author.name,
      permissions: author.permissions,
    });
    return success(request, reply, firm, author.name);
  });
}

function success(request: FastifyRequest, reply: FastifyReply, firm: Firm, name: string | null) {
  const t = tr(request);
  // The day in Paris, like every other date of the portal (not the server's UTC day).
  const date = new Date().toLocaleDateString(request.locale === "fr" ? "fr-FR" : "en-GB", {
    timeZone: "Europe/Paris",
  });
  return sendPage(request, reply, {
    title: t("consent.success.title"),
    body: html`<h1>${t("consent.success.title")}</h1>
<p role="status">${t("consent.success.lead", { firm: firm.name })}</p>
${name ? html`<p>${t("consent.success.by", { name, date })}</p>` : ""}
<p>${t("consent.success.next")} <a href="/${firm.code}/signin">${t("consent.success.signin")}</a></p>`,
  });
}

function failure(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ConsentProblem | "redeem",
  aadsts: number | undefined,
) {
  const t = tr(request);
  return sendPage(request, reply, {
    status: problem === "redeem" ? 400 : problemStatus(problem),
    title: t("consent.failed.title"),
    body: html`<h1>${t("consent.failed.title")}</h1>
<p class="error" role="alert">${t(`consent.problem.${problem}`)}</p>
${aadsts ? html`<p class="muted">${t("consent.code", { code: aadsts })}</p>` : ""}`,
  });
}
