import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import type { Firm } from "../firms/firm-queries";
import type { T } from "../i18n/messages";
import type { PortalDB } from "../storage/schema";
import type { Person } from "./message-queries";

export interface UnreadThread {
  readonly dossierId: string;
  readonly dossierName: string;
  readonly count: number;
  readonly latestAt: number;
}

/**
 * Per dossier this person sees, the messages of others they have not read yet (newest thread
 * first). For the client's and the firm's home pages.
 */
export async function unreadMessagesFor(
  db: Kysely<PortalDB>,
  firmId: string,
  who: Person,
): Promise<UnreadThread[]> {
  let q = db
    .selectFrom("message as m")
    .innerJoin("dossier as d", "d.id", "m.dossier_id")
    .leftJoin("message_read as r", (join) =>
      join
        .onRef("r.dossier_id", "=", "m.dossier_id")
        .on("r.person_kind", "=", who.kind)
        .on("r.person_id", "=", who.id),
    )
    .select((eb) => [
      "m.dossier_id",
      "d.name",
      eb.fn.countAll<string | number>().as("n"),
      eb.fn.max("m.created_at").as("last"),
    ])
    .where("m.firm_id", "=", firmId)
    // The same firm as the message's: lets the store start from the accountant's dossiers.
    .where("d.firm_id", "=", firmId)
    .where((eb) => eb("m.created_at", ">", eb.fn.coalesce("r.read_up_to", eb.lit(0))))
    .where((eb) => eb.or([eb("m.author_kind", "!=", who.kind), eb("m.author_id", "!=", who.id)]));
  if (who.kind === "contact")
    q = q.where("m.dossier_id", "in", (eb) =>
      eb.selectFrom("contact_dossier").select("dossier_id").where("contact_id", "=", who.id),
    );
  else {
    const staff = await db
      .selectFrom("staff")
      .select("role")
      .where("id", "=", who.id)
      .where("firm_id", "=", firmId)
      .executeTakeFirst();
    if (!staff) return [];
    if (staff.role === "accountant") q = q.where("d.accountant_id", "=", who.id);
  }
  const rows = await q.groupBy(["m.dossier_id", "d.name"]).execute();
  return rows
    .map((r) => ({
      dossierId: r.dossier_id,
      dossierName: r.name,
      count: Number(r.n),
      latestAt: Number(r.last),
    }))
    .sort((a, b) => b.latestAt - a.latestAt);
}

/** The "unread messages" section of a home page (nothing when there is none). */
export async function unreadMessagesSection(
  db: Kysely<PortalDB>,
  t: T,
  firm: Firm,
  who: Person,
): Promise<SafeHtml> {
  const threads = await unreadMessagesFor(db, firm.id, who);
  if (threads.length === 0) return html``;
  return html`<section class="unread-messages" aria-labelledby="unread-messages"><h2 id="unread-messages">${t("message.unread.title")}</h2>
<ul>${threads.map(
    (u) =>
      html`<li><a href="/${firm.code}/dossiers/${u.dossierId}/messages">${t("message.unread.count", { count: u.count, dossier: u.dossierName })}</a></li>`,
  )}</ul></section>`;
}
