import { narrow } from "@sesame/kit/db/database";
import { enqueueJob } from "@sesame/kit/jobs/job-queue";
import type { JobHandler, JobPlanner } from "@sesame/kit/jobs/job-runner";
import type { JobTables } from "@sesame/kit/jobs/job-table";
import { audited } from "@sesame/kit/operations/audited";
import { z } from "zod";
import { endEverything } from "../account-page/account-operations";
import { announce } from "../account-page/security-alerts";
import { type Account, findAccountById } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { closingRefusal, DELETION_GRACE_MS, erasureDue } from "./deletion-rules";
import { eraseAccount, newPseudonym } from "./erasure";

export type ClosingOutcome =
  | { readonly kind: "closing"; readonly dueAt: number }
  | { readonly kind: "refused"; readonly reason: "work-account" | "already-closing" };

const holderActor = (account: Account, source: string): Actor => ({
  id: account.id,
  name: account.email,
  source,
});

/**
 * The holder closes their personal account: it is erased in 30 days unless they sign in before and
 * reopen it. At once every session and refresh token ends (applications lose access now, not in 30
 * days), and a security mail with "This wasn't me" says so.
 */
export function requestAccountDeletion(
  ctx: IdentityContext,
  account: Account,
  input: { readonly source: string; readonly now: number },
): Promise<ClosingOutcome> {
  const refusal = closingRefusal(account);
  if (refusal) return Promise.resolve({ kind: "refused", reason: refusal });
  const dueAt = input.now + DELETION_GRACE_MS;
  return audited<IdentityDB, Actor, ClosingOutcome>(ctx, holderActor(account, input.source), async (trx) => {
    // Conditional on no closing pending: of two requests racing, one sets the date.
    const set = await trx
      .updateTable("account")
      .set({ deletion_requested_at: input.now, deletion_due_at: dueAt, updated_at: input.now })
      .where("id", "=", account.id)
      .where("deletion_due_at", "is", null)
      .executeTakeFirst();
    if (Number(set.numUpdatedRows) === 0) {
      return { result: { kind: "refused", reason: "already-closing" }, audit: [] };
    }
    await endEverything(trx, account.id);
    await announce(trx, ctx, account, { kind: "deletion-requested", at: input.now, dueAt });
    return {
      result: { kind: "closing", dueAt },
      audit: { scope: account.tenant_id, action: "account.close", target: account.id, detail: { dueAt } },
    };
  });
}

/** Reopens a closing account (the holder signed in during the grace period and chose to keep it). */
export function cancelAccountDeletion(
  ctx: IdentityContext,
  account: Account,
  input: { readonly source: string; readonly now: number },
): Promise<boolean> {
  return audited(ctx, holderActor(account, input.source), async (trx) => {
    const cleared = await trx
      .updateTable("account")
      .set({ deletion_requested_at: null, deletion_due_at: null, updated_at: input.now })
      .where("id", "=", account.id)
      .where("deletion_due_at", "is not", null)
      .executeTakeFirst();
    const reopened = Number(cleared.numUpdatedRows) > 0;
    return {
      result: reopened,
      audit: reopened ? { scope: account.tenant_id, action: "account.reopen", target: account.id } : [],
    };
  });
}

export const ACCOUNT_ERASURE = "account-erasure";
const erasurePayload = z.object({ accountId: z.string() });

/** Plans the erasure of every account whose grace period is over, once per closing request. */
export const planAccountErasures: JobPlanner<IdentityDB> = async (db, now) => {
  const due = await db
    .selectFrom("account")
    .select(["id", "deletion_requested_at"])
    .where("deletion_due_at", "<=", now)
    .execute();
  for (const account of due) {
    await enqueueJob(
      narrow<JobTables, IdentityDB>(db),
      {
        kind: ACCOUNT_ERASURE,
        key: `${ACCOUNT_ERASURE}:${account.id}:${account.deletion_requested_at}`,
        payload: { accountId: account.id },
        runAt: now,
      },
      now,
    );
  }
};

/**
 * Erases one account in the job's transaction, checked again first (reopened since it was planned:
 * nothing happens). The job's own row then forgets whose erasure it was.
 */
export function accountErasureHandler(ctx: Pick<IdentityContext, "writeAudit">): JobHandler<IdentityDB> {
  return async (trx, job) => {
    const { accountId } = erasurePayload.parse(job.payload);
    const account = await findAccountById(trx, accountId);
    if (!account || !erasureDue(account, job.now)) return;
    const pseudonym = newPseudonym();
    await eraseAccount(trx, account, { pseudonym, now: job.now });
    await ctx.writeAudit(
      trx,
      { id: null, name: "Sésame", source: "erasure" },
      { scope: account.tenant_id, action: "account.erase", target: pseudonym, detail: {} },
    );
    await trx
      .updateTable("job")
      .set({ payload: "{}", dedupe_key: `${ACCOUNT_ERASURE}:${pseudonym}` })
      .where("id", "=", job.id)
      .execute();
  };
}
