import { safeLocalPath } from "@sesame/kit/http/create-app";
import { formBody } from "@sesame/kit/http/form-body";
import { html } from "@sesame/kit/ui/html";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { accountHolder } from "../account-page/account-holder";
import type { IdentityContext } from "../context";
import { didSecondFactor } from "../factors/mfa-rules";
import { passkeysOf } from "../factors/passkey-queries";
import { selfActor } from "../factors/totp-operations";
import { setSessionAmr } from "../sessions/sessions";
import { tr } from "../ui/page";
import {
  finishPasskeyRegistration,
  NAME_MAX,
  removeAccountPasskey,
  renameAccountPasskey,
  startPasskeyRegistration,
} from "./passkey-operations";
import { PASSKEYS_PATH, passkeysPage } from "./passkey-page";
import { PASSWORD_AND_PASSKEY_AMR } from "./passkey-sign-in";

const sid = z.string().max(64).optional().catch(undefined);
const returnField = z.string().max(2048).optional().catch(undefined);
const credential = z.string().min(1).max(1024);
/** The browser's answer, parsed as JSON at the edge; the library checks its contents. */
const webauthnJson = z
  .string()
  .max(16_384)
  .transform((text, c) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      c.addIssue({ code: "custom", message: "not JSON" });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .object({
        id: z.string().max(1024),
        rawId: z.string(),
        type: z.literal("public-key"),
        response: z.object({}).passthrough(),
      })
      .passthrough(),
  );

const addBody = formBody({
  sid,
  return: returnField,
  name: z
    .string()
    .max(NAME_MAX * 4)
    .catch(""),
  webauthn_challenge: z.string().min(1).max(256),
  response: webauthnJson,
});

/** Where "Continue" leads after a registration interrupt: a local path with the session appended. */
function continueAddress(returnTo: string, sessionId: string): string {
  const url = new URL(safeLocalPath(returnTo), "https://local.invalid");
  url.searchParams.set("sid", sessionId);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The account's passkeys: list, register (options, then the browser's answer), rename, remove. */
export function registerPasskeyRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const toLogin = (reply: FastifyReply) =>
    reply.redirect(`/login?return=${encodeURIComponent(PASSKEYS_PATH)}`, 303);
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    holder: { id: string; account: { id: string } },
    extra: { returnTo?: string | undefined; notice?: string; error?: string } = {},
    status = 200,
  ) =>
    passkeysPage(
      request,
      reply,
      {
        sid: holder.id,
        keys: await passkeysOf(ctx.db, holder.account.id),
        returnTo: extra.returnTo,
        notice: extra.notice ? html`${extra.notice}` : undefined,
        error: extra.error,
      },
      status,
    );

  api.get(
    PASSKEYS_PATH,
    { schema: { querystring: z.object({ sid, return: returnField }) } },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.query.sid);
      if (!holder) return toLogin(reply);
      return show(request, reply, holder, { returnTo: request.query.return });
    },
  );

  api.post(`${PASSKEYS_PATH}/options`, { schema: { body: formBody({ sid }) } }, async (request, reply) => {
    const holder = await accountHolder(ctx, request, request.body.sid);
    if (!holder) return reply.code(401).send({ error: "signed_out" });
    return startPasskeyRegistration(ctx, holder.account);
  });

  api.post(PASSKEYS_PATH, { schema: { body: addBody } }, async (request, reply) => {
    const holder = await accountHolder(ctx, request, request.body.sid);
    if (!holder) return toLogin(reply);
    const t = tr(request);
    const outcome = await finishPasskeyRegistration(
      ctx,
      selfActor(holder.account, request.ip),
      holder.account,
      {
        challenge: request.body.webauthn_challenge,
        response: request.body.response as unknown as RegistrationResponseJSON,
        name: request.body.name || t("passkey.defaultName"),
      },
    );
    const returnTo = request.body.return;
    if (outcome.kind !== "added") {
      const error = t(outcome.kind === "taken" ? "passkey.taken" : "passkey.invalid");
      return show(request, reply, holder, { returnTo, error }, outcome.kind === "taken" ? 409 : 400);
    }
    // Registering with the device's verification proves a second factor for this session (the interrupt).
    if (!didSecondFactor(holder.amr)) await setSessionAmr(ctx.db, holder.id, PASSWORD_AND_PASSKEY_AMR);
    if (returnTo) return reply.redirect(continueAddress(returnTo, holder.id), 303);
    return show(request, reply, holder, { notice: t("passkey.added") });
  });

  api.post(
    `${PASSKEYS_PATH}/rename`,
    { schema: { body: formBody({ sid, credential, name: z.string().max(NAME_MAX * 4) }) } },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.body.sid);
      if (!holder) return toLogin(reply);
      const t = tr(request);
      const { credential: credentialId, name } = request.body;
      const renamed = await renameAccountPasskey(ctx, selfActor(holder.account, request.ip), holder.account, {
        credentialId,
        name,
      });
      if (!renamed) return show(request, reply, holder, { error: t("passkey.renameInvalid") }, 400);
      return show(request, reply, holder, { notice: t("passkey.renamed") });
    },
  );

  api.post(
    `${PASSKEYS_PATH}/remove`,
    { schema: { body: formBody({ sid, credential }) } },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.body.sid);
      if (!holder) return toLogin(reply);
      // Only a session that proved a second factor may remove one (not one opened by a password alone).
      if (!didSecondFactor(holder.amr)) {
        const back = new URLSearchParams({ sid: holder.id, return: PASSKEYS_PATH });
        return reply.redirect(`/login/factor?${back.toString()}`, 303);
      }
      const t = tr(request);
      const outcome = await removeAccountPasskey(
        ctx,
        selfActor(holder.account, request.ip),
        holder.account,
        request.body.credential,
      );
      if (outcome === "last-administrator-factor")
        return show(request, reply, holder, { error: t("totp.removeRefused") }, 409);
      if (outcome === "none") return show(request, reply, holder, { error: t("account.notFound") }, 404);
      return show(request, reply, holder, { notice: t("passkey.removed") });
    },
  );
}
