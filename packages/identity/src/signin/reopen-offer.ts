import { randomBytes } from "node:crypto";
import { csrfField } from "@sesame/kit/ui/forms";
import type { FastifyReply, FastifyRequest } from "fastify";
import { reopenPage } from "../account-deletion/deletion-pages";
import { saveReopenChallenge } from "../account-deletion/reopen-queries";
import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { sendPage, tr } from "../ui/page";

/** Time to read the page and answer. */
const OFFER_MS = 10 * 60 * 1000;

/**
 * Instead of a session, for an account whose closing is pending: the offer to reopen it. Whatever
 * the sign-in proved (password, second factor) is held until the answer, single use.
 */
export async function offerReopen(
  ctx: IdentityContext,
  request: FastifyRequest,
  reply: FastifyReply,
  account: Account,
  returnTo: string | undefined,
  amr: readonly string[] | undefined,
) {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  await saveReopenChallenge(ctx.db, {
    token,
    accountId: account.id,
    returnTo,
    amr: amr ?? [],
    expiresAt: now + OFFER_MS,
  });
  const t = tr(request);
  const body = reopenPage(t, request.locale, csrfField(reply), {
    token,
    email: account.email,
    requestedAt: Number(account.deletion_requested_at ?? now),
    dueAt: Number(account.deletion_due_at ?? now),
  });
  return sendPage(request, reply, { title: t("deletion.reopen.title"), body });
}
