import { randomUUID } from "node:crypto";
import type { Locale } from "@sesame/kit/i18n/i18n";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { StaffRequest } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import { digestSettingsOf, storedTemplates } from "./request-queries";
import {
  builtInTemplates,
  DEFAULT_DIGEST_SCHEDULE,
  type DigestSchedule,
  formatTemplateItems,
  parseTemplateItems,
  type RequestTemplate,
  type TemplateItem,
} from "./request-rules";

const FALLBACK_FOLDER = "Pièces comptables";

/** The firm's templates: its own once its admin saved one, else the built-in ones in `locale`. */
export async function templatesOf(
  db: Kysely<PortalDB>,
  firmId: string,
  locale: Locale,
): Promise<RequestTemplate[]> {
  const stored = await storedTemplates(db, firmId);
  const rows = stored.length > 0 ? stored : builtInTemplates(locale);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    items: parseTemplateItems(r.items, FALLBACK_FOLDER) ?? [],
  }));
}

/**
 * The firm admin saves one template (a new one when `id` is unset). The first save copies the
 * built-in templates, in the admin's language, so the firm's list is whole from then on.
 */
export async function saveTemplate(
  ctx: PortalContext,
  who: StaffRequest,
  locale: Locale,
  input: { id?: string; name: string; items: readonly TemplateItem[] },
): Promise<void> {
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    const now = Date.now();
    const firmId = who.firm.id;
    const stored = await storedTemplates(trx, firmId);
    if (stored.length === 0)
      await trx
        .insertInto("request_template")
        .values(
          builtInTemplates(locale).map((t, position) => ({
            firm_id: firmId,
            ...t,
            position,
            updated_at: now,
          })),
        )
        .execute();
    const items = formatTemplateItems(input.items);
    const id = input.id ?? randomUUID();
    const position = Math.max(0, ...(await storedTemplates(trx, firmId)).map((t) => t.position + 1));
    await trx
      .insertInto("request_template")
      .values({ firm_id: firmId, id, name: input.name, items, position, updated_at: now })
      .onConflict((oc) =>
        oc.columns(["firm_id", "id"]).doUpdateSet({ name: input.name, items, updated_at: now }),
      )
      .execute();
    return { result: undefined, audit: { scope: firmId, action: "request.template", target: input.name } };
  });
}

export async function digestScheduleOf(db: Kysely<PortalDB>, firmId: string): Promise<DigestSchedule> {
  const row = await digestSettingsOf(db, firmId);
  return row ? { hour: row.hour, weekends: row.weekends === 1 } : DEFAULT_DIGEST_SCHEDULE;
}

/** The firm admin sets when digests go out (hour, Paris time) and whether on weekends. */
export async function saveDigestSchedule(ctx: PortalContext, who: StaffRequest, schedule: DigestSchedule) {
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    const values = { hour: schedule.hour, weekends: schedule.weekends ? 1 : 0, updated_at: Date.now() };
    await trx
      .insertInto("request_digest_settings")
      .values({ firm_id: who.firm.id, ...values })
      .onConflict((oc) => oc.column("firm_id").doUpdateSet(values))
      .execute();
    return {
      result: undefined,
      audit: {
        scope: who.firm.id,
        action: "request.schedule",
        target: `${schedule.hour}h${schedule.weekends ? " +we" : ""}`,
      },
    };
  });
}
