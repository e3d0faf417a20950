import { narrow } from "@sesame/kit/db/database";
import { enqueueJob } from "@sesame/kit/jobs/job-queue";
import type { JobHandler, JobPlanner } from "@sesame/kit/jobs/job-runner";
import type { JobTables } from "@sesame/kit/jobs/job-table";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import { z } from "zod";
import { trail } from "../documents/document-operations";
import { translate } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import type { FirmTable } from "../storage/firm-tables";
import type { RequestListTable } from "../storage/request-tables";
import type { PortalDB } from "../storage/schema";
import { unsubscribeKey } from "./request-link";
import { queueRequestMail } from "./request-mail";
import type { RequestVisit } from "./request-operations";
import { contactsToRemind, firmsWithDueItems, itemsAwaitingContact, recordDigest } from "./request-queries";
import { addDays, DEFAULT_DIGEST_SCHEDULE, digestTime, parisDay } from "./request-rules";

export const REQUEST_DIGEST = "request-digest";

/** Items due within this many days (or late) are in the digest. */
const DUE_WITHIN_DAYS = 3;

const digestPayload = z.object({ contactId: z.string(), day: z.string() });

/**
 * Plans today's digests: for each firm whose schedule says "now" (Paris time, weekends quiet by
 * default), one job per person with items due within 3 days or late, keyed by person and day, so
 * several instances planning at once plan each digest once.
 */
export const planRequestDigests: JobPlanner<PortalDB> = async (db, now) => {
  const today = parisDay(now);
  const dueBy = addDays(today, DUE_WITHIN_DAYS);
  for (const firm of await firmsWithDueItems(db, dueBy)) {
    const schedule =
      firm.hour === null ? DEFAULT_DIGEST_SCHEDULE : { hour: firm.hour, weekends: firm.weekends === 1 };
    if (!digestTime(schedule, now)) continue;
    for (const contactId of await contactsToRemind(db, firm.firm_id, dueBy))
      await enqueueJob(
        narrow<JobTables, PortalDB>(db),
        {
          kind: REQUEST_DIGEST,
          key: `${REQUEST_DIGEST}:${contactId}:${today}`,
          payload: { contactId, day: today },
          runAt: now,
        },
        now,
      );
  }
};

/**
 * Sends one digest in the job's transaction: what the person owes is read again (they may have
 * answered since), the day's digest is recorded once per person (a second job for the same day,
 * a retry after a crash, sends nothing), and the mail goes to the outbox with the record.
 */
export function requestDigestHandler(ctx: PortalContext): JobHandler<PortalDB> {
  return async (trx: Kysely<PortalDB>, job) => {
    const { contactId, day } = digestPayload.parse(job.payload);
    const items = await itemsAwaitingContact(trx, contactId, {
      dueBy: addDays(day, DUE_WITHIN_DAYS),
      skipUnsubscribed: true,
    });
    if (items.length === 0) return;
    if (!(await recordDigest(trx, contactId, day, job.now))) return;
    const contact = await trx
      .selectFrom("contact")
      .selectAll()
      .where("id", "=", contactId)
      .executeTakeFirstOrThrow();
    const firm = await trx
      .selectFrom("firm")
      .selectAll()
      .where("id", "=", contact.firm_id)
      .executeTakeFirstOrThrow();
    await queueRequestMail(trx, {
      from: ctx.config.SESAME_MAIL_FROM,
      origin: ctx.origin,
      firm,
      contact,
      items,
      key: await unsubscribeKey(trx),
      today: day,
    });
    await ctx.writeAudit(
      trx,
      { name: translate("fr")("request.digest.actor") },
      { scope: firm.id, action: "request.digest", target: contact.email, detail: { items: items.length } },
    );
  };
}

/**
 * "Send a reminder now": each contact who may answer this list and did not unsubscribe from it gets
 * the list's waiting items at once, whatever the day's digests. Returns how many were reminded.
 */
export async function remindListNow(
  ctx: PortalContext,
  visit: RequestVisit,
  firm: FirmTable,
  list: RequestListTable,
): Promise<number> {
  const count = await audited(ctx, { name: visit.actor.name }, async (trx) => {
    const key = await unsubscribeKey(trx);
    const contacts = await trx
      .selectFrom("contact_dossier")
      .innerJoin("contact", "contact.id", "contact_dossier.contact_id")
      .selectAll("contact")
      .where("contact_dossier.dossier_id", "=", list.dossier_id)
      .where("contact_dossier.can_upload", "=", 1)
      .execute();
    const today = parisDay(Date.now());
    let sent = 0;
    for (const contact of contacts) {
      const items = (await itemsAwaitingContact(trx, contact.id, { skipUnsubscribed: true })).filter(
        (i) => i.list_id === list.id,
      );
      if (items.length === 0) continue;
      await queueRequestMail(trx, {
        from: ctx.config.SESAME_MAIL_FROM,
        origin: ctx.origin,
        firm,
        contact,
        items,
        key,
        today,
      });
      sent++;
    }
    if (sent > 0)
      await trail(trx, visit.scope, visit.actor, { id: list.id, name: list.title }, "request_reminded");
    return {
      result: sent,
      audit: { scope: firm.id, action: "request.remind", target: list.title, detail: { contacts: sent } },
    };
  });
  if (count > 0) ctx.mailQueued();
  return count;
}

/** A person stops the digests about one list (the signed link of the mail; no sign-in). */
export async function unsubscribeFromList(
  ctx: PortalContext,
  contactId: string,
  listId: string,
): Promise<boolean> {
  const contact = await ctx.db
    .selectFrom("contact")
    .select(["id", "email", "firm_id"])
    .where("id", "=", contactId)
    .executeTakeFirst();
  const list = await ctx.db
    .selectFrom("request_list")
    .select(["id", "title", "firm_id"])
    .where("id", "=", listId)
    .executeTakeFirst();
  if (!contact || !list || contact.firm_id !== list.firm_id) return false;
  await audited(ctx, { name: contact.email }, async (trx) => {
    await trx
      .insertInto("request_unsubscribe")
      .values({ contact_id: contact.id, list_id: list.id, at: Date.now() })
      .onConflict((oc) => oc.columns(["contact_id", "list_id"]).doNothing())
      .execute();
    return {
      result: undefined,
      audit: { scope: list.firm_id, action: "request.unsubscribe", target: list.title },
    };
  });
  return true;
}
