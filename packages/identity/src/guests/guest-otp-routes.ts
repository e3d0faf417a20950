import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findAccountById } from "../accounts/account-queries";
import { codeKey } from "../codes/code-key";
import { type CodeRules, defaultCodeRules, issueCode, verifyCode } from "../codes/codes";
import type { IdentityContext } from "../context";
import { lockedFor, recordRightPassword, recordWrongPassword } from "../lockout/lockout";
import { lockoutText } from "../lockout/lockout-text";
import { startSession } from "../signin/stay-signed-in";
import { parseInput } from "../signup/form-input";
import { localReturnUrl } from "../signup/return-url";
import { findTenant } from "../tenants/tenant-queries";
import { tr } from "../ui/page";
import { guestCodeMail } from "./guest-otp-mail";
import { enterCodePage, messagePage, type OtpState, sendCodePage } from "./guest-pages";
import { findGuestByEmail, type Guest, guestSettingsRow } from "./guest-queries";
import { mayUsePasscode, settingsOf } from "./guest-rules";

const stateForm = z.object({
  tenant: z.string().max(64),
  email: z.string().max(254),
  return: z.string().max(2048).optional(),
});
const codeForm = stateForm.extend({ code: z.string().max(16).catch("") });

/** Microsoft's passcode: valid 30 minutes, once; the sign-up code rules for everything else. */
export const guestCodeRules = (length: number): CodeRules => ({
  ...defaultCodeRules(length),
  ttlMs: 30 * 60 * 1000,
});

/** Where the passcode leads once verified: the review page for a first access, else `return`. */
export function afterPasscode(guest: Guest, returnTo: string | undefined): string | undefined {
  if (guest.external_user_state === "Accepted") return returnTo;
  const next = new URLSearchParams({ guest: guest.account_id });
  if (returnTo) next.set("return", returnTo);
  return `/redeem/review?${next.toString()}`;
}

/** The guest and the page state for a passcode form, or undefined when no passcode may be used. */
async function passcodeGuest(ctx: IdentityContext, form: z.infer<typeof stateForm>) {
  const tenant = await findTenant(ctx.db, form.tenant).catch(() => undefined);
  if (tenant?.kind !== "organization") return undefined;
  const [guest, settings] = await Promise.all([
    findGuestByEmail(ctx.db, tenant.id, form.email),
    guestSettingsRow(ctx.db, tenant.id).then(settingsOf),
  ]);
  if (!guest || !mayUsePasscode(guest, settings)) return undefined;
  const state: OtpState = {
    tenantId: tenant.id,
    organisation: tenant.display_name,
    email: guest.email,
    returnTo: localReturnUrl(form.return),
  };
  return { guest, state };
}

function unavailable(request: FastifyRequest, reply: FastifyReply) {
  const t = tr(request);
  return messagePage(request, reply, {
    title: t("guest.otp.title"),
    text: t("guest.otp.unavailable"),
    status: 403,
  });
}

/** The e-mail one-time passcode: "send code", then the code, then a session for the guest. */
export function registerGuestOtpRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const rules = guestCodeRules(ctx.config.SESAME_CODE_LENGTH);

  app.post("/guest/otp/send", async (request, reply) => {
    const found = await passcodeGuest(ctx, parseInput(stateForm, request.body));
    if (!found) return unavailable(request, reply);
    const { guest, state } = found;
    const t = tr(request);
    const sent = await issueCode(
      { db: ctx.db, counters: ctx.counters, rules, key: codeKey(ctx.config) },
      {
        purpose: "guest-otp",
        address: guest.email,
        subject: guest.account_id,
        mail: (code) =>
          guestCodeMail(request.locale, guest.email, ctx.config.SESAME_MAIL_FROM, state.organisation, code),
      },
    );
    if (sent.ok) {
      ctx.mailQueued();
      return enterCodePage(request, reply, state);
    }
    if (sent.reason === "tooSoon")
      return enterCodePage(request, reply, {
        ...state,
        error: t("guest.otp.tooSoon", { seconds: sent.retryInSeconds }),
      });
    return sendCodePage(request, reply, { ...state, error: t("guest.otp.dailyLimit") }, 429);
  });

  app.post("/guest/otp/verify", async (request, reply) => {
    const form = parseInput(codeForm, request.body);
    const found = await passcodeGuest(ctx, form);
    if (!found) return unavailable(request, reply);
    const { guest, state } = found;
    const t = tr(request);
    const key = { email: `guest:${guest.account_id}`, source: request.ip };
    const locked = await lockedFor(ctx.db, key);
    if (locked > 0) return enterCodePage(request, reply, { ...state, error: lockoutText(t, locked) }, 429);
    const checked = await verifyCode(
      { db: ctx.db, rules, key: codeKey(ctx.config) },
      { purpose: "guest-otp", address: guest.email, subject: guest.account_id, code: form.code },
    );
    if (!checked.ok) {
      if (checked.reason === "wrong") {
        const lock = await recordWrongPassword(ctx.db, key);
        const error = lock > 0 ? lockoutText(t, lock) : t("guest.otp.wrong", { tries: checked.triesLeft });
        return enterCodePage(request, reply, { ...state, error }, lock > 0 ? 429 : 400);
      }
      const error = t(checked.reason === "expired" ? "guest.otp.expired" : "guest.otp.burned");
      return sendCodePage(request, reply, { ...state, error }, 400);
    }
    await recordRightPassword(ctx.db, key);
    const account = await findAccountById(ctx.db, guest.account_id);
    if (account?.enabled !== 1) return unavailable(request, reply);
    return startSession(ctx, request, reply, account, afterPasscode(guest, state.returnTo));
  });
}
