import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendPage, tr } from "../../ui/page";
import { backLink, errorBlock, nextButton, postForm } from "./frame";

/**
 * Step 5: the ALTCHA widget (a checkbox with a label, reachable by keyboard, announced by screen
 * readers) in the form; the browser's workers solve the proof of work and put the answer in the
 * hidden field "altcha". Scripts are files served by this feature, allowed by the CSP nonce.
 */
export function challengePage(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; back: string; error?: string; status?: number },
) {
  const t = tr(request);
  const nonce = reply.cspNonce;
  const language = request.locale === "fr" ? "fr-fr" : "en";
  const body = html`<link rel="stylesheet" href="/signup/assets/altcha.css">
${backLink(t, input.back, input.email)}
<h1>${t("signup.challenge.title")}</h1>
<p id="challenge-lead">${t("signup.challenge.lead")}</p>
${postForm(
  reply,
  "/signup/challenge",
  html`<altcha-widget challenge="/signup/altcha/challenge" name="altcha" language="${language}"
 configuration='{"hideFooter":true,"hideLogo":false}'></altcha-widget>
<noscript><p class="error">${t("signup.challenge.noscript")}</p></noscript>
${errorBlock("challenge", input.error)}
${nextButton(t)}`,
  "signup-challenge",
)}
<script src="/signup/assets/altcha-fr.js" defer nonce="${nonce}"></script>
<script src="/signup/assets/altcha.js" defer nonce="${nonce}"></script>
<script src="/signup/assets/signup.js" defer nonce="${nonce}"></script>`;
  return sendPage(request, reply, { title: t("signup.challenge.title"), body, status: input.status ?? 200 });
}
