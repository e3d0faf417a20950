import { formBody } from "@sesame/kit/http/form-body";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { findAccountById } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { deleteChallenge, findChallenge } from "../factors/factor-queries";
import { lockoutText } from "../lockout/lockout-text";
import { logPasskeySignIn } from "../lockout/sign-in-log";
import { checkPasskeySignIn, passkeyAssertionOptions } from "../passkeys/passkey-sign-in";
import { tr } from "../ui/page";
import { codePage } from "./second-factor-step";
import { emailPage } from "./signin-pages";
import { startSession } from "./stay-signed-in";

const returnField = z.string().max(2048).optional().catch(undefined);
const assertion = z
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
        type: z.literal("public-key"),
        response: z.object({}).passthrough(),
      })
      .passthrough(),
  );
const answer = { webauthn_challenge: z.string().min(1).max(256), response: assertion, return: returnField };

/**
 * Sign-in with a passkey: from the email page without a password (the passkey says whose it is),
 * or as the second factor after a password. Options first (a single-use challenge), then the answer.
 */
export function registerPasskeySignInRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/login/passkey/options",
    { schema: { body: formBody({ challenge: z.string().max(128).optional().catch(undefined) }) } },
    async (request, reply) => {
      if (!request.body.challenge) return passkeyAssertionOptions(ctx, "sign-in", null);
      const pending = await findChallenge(ctx.db, request.body.challenge, Date.now());
      if (!pending) return reply.code(400).send({ error: "expired" });
      return passkeyAssertionOptions(ctx, "second-factor", pending.account_id);
    },
  );

  api.post("/login/passkey", { schema: { body: formBody(answer) } }, async (request, reply) => {
    const t = tr(request);
    const outcome = await checkPasskeySignIn(ctx, {
      challenge: request.body.webauthn_challenge,
      response: request.body.response as unknown as AuthenticationResponseJSON,
      purpose: "sign-in",
      source: request.ip,
    });
    const returnTo = request.body.return;
    if (outcome.kind === "ok") {
      await logPasskeySignIn(ctx, request, outcome.account);
      return startSession(ctx, request, reply, outcome.account, returnTo, outcome.amr);
    }
    const error =
      outcome.kind === "locked"
        ? lockoutText(t, outcome.ms)
        : outcome.kind === "busy"
          ? t("error.tooMany")
          : t("passkey.signInWrong");
    return emailPage(request, reply, { email: "", returnTo, error }, outcome.kind === "wrong" ? 400 : 429);
  });

  api.post(
    "/login/factor/passkey",
    { schema: { body: formBody({ ...answer, challenge: z.string().max(128) }) } },
    async (request, reply) => {
      const t = tr(request);
      const pending = await findChallenge(ctx.db, request.body.challenge, Date.now());
      const account = pending ? await findAccountById(ctx.db, pending.account_id) : undefined;
      if (!pending || !account || account.enabled !== 1) return reply.redirect("/login", 303);
      const returnTo = pending.return_to ?? undefined;
      const outcome = await checkPasskeySignIn(ctx, {
        challenge: request.body.webauthn_challenge,
        response: request.body.response as unknown as AuthenticationResponseJSON,
        purpose: "second-factor",
        account,
        source: request.ip,
      });
      const state = { challenge: request.body.challenge, account, returnTo };
      switch (outcome.kind) {
        case "ok":
          await deleteChallenge(ctx.db, request.body.challenge);
          return startSession(ctx, request, reply, account, returnTo, outcome.amr);
        case "locked":
          return codePage(request, reply, { ...state, error: lockoutText(t, outcome.ms) }, 429);
        case "busy":
          return codePage(request, reply, { ...state, error: t("error.tooMany") }, 429);
        case "wrong":
          return codePage(request, reply, { ...state, error: t("passkey.signInWrong") }, 400);
      }
    },
  );
}
