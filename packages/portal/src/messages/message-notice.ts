import { narrow } from "@sesame/kit/db/database";
import { enqueueJob } from "@sesame/kit/jobs/job-queue";
import type { JobHandler, JobPlanner } from "@sesame/kit/jobs/job-runner";
import type { JobTables } from "@sesame/kit/jobs/job-table";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { queueNoticeMail } from "./message-notice-mail";
import {
  dossiersSeenBy,
  dossiersWithMessages,
  markerOf,
  markNotified,
  othersMessagesBetween,
  type Person,
  recipientsOf,
} from "./message-queries";
import { NOTICE_DELAY_MS, NOTICE_HORIZON_MS } from "./message-rules";

export const MESSAGE_NOTICE = "message-notice";

const noticePayload = z.object({
  firmId: z.string(),
  kind: z.enum(["staff", "contact"]),
  id: z.string(),
  upTo: z.number(),
});

const keyOf = (firmId: string, who: Person) => `${firmId}:${who.kind}:${who.id}`;

/**
 * Plans one mail per person who has messages unread for 15 minutes that no mail told them of yet,
 * keyed by the person and the newest such message: several instances plan it once, and the mail
 * covers every dossier of theirs at once (batched).
 */
export const planMessageNotices: JobPlanner<PortalDB> = async (db, now) => {
  const upTo = now - NOTICE_DELAY_MS;
  const due = new Map<string, { firmId: string; who: Person; last: number }>();
  for (const { dossier_id, firm_id } of await dossiersWithMessages(db, now - NOTICE_HORIZON_MS, upTo)) {
    for (const who of await recipientsOf(db, firm_id, dossier_id)) {
      const marker = await markerOf(db, dossier_id, who);
      const after = Math.max(marker.read_up_to, marker.notified_up_to, now - NOTICE_HORIZON_MS);
      const { last } = await othersMessagesBetween(db, dossier_id, who, after, upTo);
      if (last === undefined) continue;
      const key = keyOf(firm_id, who);
      if ((due.get(key)?.last ?? 0) < last) due.set(key, { firmId: firm_id, who, last });
    }
  }
  for (const [key, { firmId, who, last }] of due)
    await enqueueJob(
      narrow<JobTables, PortalDB>(db),
      {
        kind: MESSAGE_NOTICE,
        key: `${MESSAGE_NOTICE}:${key}:${last}`,
        payload: { firmId, kind: who.kind, id: who.id, upTo: last },
        runAt: now,
      },
      now,
    );
};

/**
 * Sends one person's mail in the job's transaction: counted again per dossier (they may have read
 * since), then every dossier counted is marked as told up to the planned message.
 */
export function messageNoticeHandler(ctx: PortalContext): JobHandler<PortalDB> {
  return async (trx: Kysely<PortalDB>, job) => {
    const { firmId, kind, id, upTo } = noticePayload.parse(job.payload);
    const who: Person = { kind, id };
    const firm = await trx.selectFrom("firm").selectAll().where("id", "=", firmId).executeTakeFirst();
    const person = await recipientAddress(trx, firmId, who);
    if (!firm || !person) return;
    const lines: { dossierId: string; dossier: string; count: number }[] = [];
    for (const dossier of await dossiersSeenBy(trx, firmId, who)) {
      const marker = await markerOf(trx, dossier.id, who);
      const after = Math.max(marker.read_up_to, marker.notified_up_to, job.now - NOTICE_HORIZON_MS);
      const { count } = await othersMessagesBetween(trx, dossier.id, who, after, upTo);
      if (count > 0) lines.push({ dossierId: dossier.id, dossier: dossier.name, count });
    }
    if (lines.length === 0) return;
    for (const line of lines) await markNotified(trx, line.dossierId, who, upTo);
    await queueNoticeMail(trx, {
      from: ctx.config.SESAME_MAIL_FROM,
      origin: ctx.origin,
      firm,
      person,
      who,
      lines,
    });
  };
}

async function recipientAddress(trx: Kysely<PortalDB>, firmId: string, who: Person) {
  if (who.kind === "contact") {
    const c = await trx
      .selectFrom("contact")
      .select(["email", "first_name", "last_name", "language"])
      .where("id", "=", who.id)
      .where("firm_id", "=", firmId)
      .executeTakeFirst();
    return c ? { email: c.email, name: `${c.first_name} ${c.last_name}`, language: c.language } : undefined;
  }
  const s = await trx
    .selectFrom("staff")
    .select(["email", "display_name"])
    .where("id", "=", who.id)
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return s ? { email: s.email, name: s.display_name, language: "fr" as const } : undefined;
}
