import type { FastifyReply, FastifyRequest } from "fastify";
import type { PortalContext } from "../service/portal-context";
import { finishApprovalReauth } from "./approval-reauth";

/**
 * The shared /auth/callback hands a state it does not know here first: when it is a
 * re-authentication for an approval, this answers (back to the approval page, saying how it went);
 * otherwise undefined and the sign-in goes on as usual.
 */
export async function approvalCallback(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const state = new URL(request.url, "https://portal.invalid").searchParams.get("state") ?? "";
  if (state === "" || state.length > 200) return undefined;
  const contactOf = (id: string) =>
    ctx.db.selectFrom("contact").select(["tid", "oid"]).where("id", "=", id).executeTakeFirst();
  let outcome: Awaited<ReturnType<typeof finishApprovalReauth>>;
  try {
    outcome = await finishApprovalReauth(ctx, state, new URL(`${ctx.origin}${request.url}`), contactOf);
  } catch (error) {
    request.log.warn({ err: error }, "approval re-authentication rejected");
    const approval = await ctx.db
      .selectFrom("approval_reauth")
      .select("approval_id")
      .where("state", "=", state)
      .executeTakeFirst();
    if (!approval) return undefined;
    outcome = { kind: "failed", approvalId: approval.approval_id, problem: "approval.reauth.expired" };
  }
  if (!outcome) return undefined;
  const where = await ctx.db
    .selectFrom("approval")
    .innerJoin("firm", "firm.id", "approval.firm_id")
    .select(["firm.code", "approval.dossier_id", "approval.id"])
    .where("approval.id", "=", outcome.approvalId)
    .executeTakeFirstOrThrow();
  const result = outcome.kind === "verified" ? "ok" : outcome.problem.split(".").pop();
  return reply.redirect(
    `/${where.code}/dossiers/${where.dossier_id}/approvals/${where.id}?reauth=${result}`,
    303,
  );
}
