import { formBody } from "@sesame/kit/http/form-body";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { cancelAccountDeletion } from "../account-deletion/deletion-operations";
import { takeReopenChallenge } from "../account-deletion/reopen-queries";
import { longDate } from "../account-page/security-mails";
import { findAccountById } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { sendPage, tr } from "../ui/page";
import { startSession } from "./stay-signed-in";

/** The answer to "Reopen your account?": reopen and go on signing in, or leave it closed, signed out. */
export function registerReopenRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    "/login/reopen",
    {
      schema: {
        body: formBody({
          token: z.string().max(128).catch(""),
          answer: z.enum(["reopen", "keep"]).catch("keep"),
        }),
      },
    },
    async (request, reply) => {
      const t = tr(request);
      const now = Date.now();
      const taken = request.body.token
        ? await takeReopenChallenge(ctx.db, request.body.token, now)
        : undefined;
      const account = taken ? await findAccountById(ctx.db, taken.accountId) : undefined;
      if (!taken || !account || account.enabled !== 1) {
        const body = html`<h1>${t("deletion.reopen.title")}</h1>
<p class="error" role="alert">${t("deletion.reopen.expired")}</p>
<p><a href="/login">${t("signin.title")}</a></p>`;
        return sendPage(request, reply, { title: t("deletion.reopen.title"), body, status: 400 });
      }
      if (request.body.answer === "keep" && account.deletion_due_at !== null) {
        const body = html`<h1>${t("deletion.done.title")}</h1>
<p role="status">${t("deletion.reopen.kept", { date: longDate(request.locale, Number(account.deletion_due_at)) })}</p>`;
        return sendPage(request, reply, { title: t("deletion.done.title"), body });
      }
      await cancelAccountDeletion(ctx, account, { source: request.ip, now });
      const reopened = { ...account, deletion_requested_at: null, deletion_due_at: null };
      return startSession(
        ctx,
        request,
        reply,
        reopened,
        taken.returnTo,
        taken.amr.length ? taken.amr : undefined,
      );
    },
  );
}
