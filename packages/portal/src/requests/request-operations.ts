import { randomUUID } from "node:crypto";
import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { DocumentActor } from "../documents/document-operations";
import { trail } from "../documents/document-operations";
import type { DossierScope } from "../documents/document-queries";
import type { PortalContext } from "../service/portal-context";
import type { DocumentAction } from "../storage/document-tables";
import type { RequestAnswerKind, RequestListTable } from "../storage/request-tables";
import type { PortalDB } from "../storage/schema";
import { findItem, type RequestItem } from "./request-queries";
import { awaitsClient, awaitsReview, type TemplateItem } from "./request-rules";

/** Who acts in a dossier's requests: the dossier, the person as the trail shows them. */
export interface RequestVisit {
  readonly scope: DossierScope;
  readonly actor: DocumentActor;
}

const note = (
  trx: Kysely<PortalDB>,
  visit: RequestVisit,
  list: { id: string; title: string },
  what: string | undefined,
  action: DocumentAction,
) =>
  trail(
    trx,
    visit.scope,
    visit.actor,
    { id: list.id, name: what ? `${list.title} · ${what}` : list.title },
    action,
  );

/** The accountant creates a list from a template's items, each due on `dueDate`. */
export async function createRequestList(
  ctx: PortalContext,
  visit: RequestVisit,
  input: { title: string; items: readonly TemplateItem[]; dueDate: string },
): Promise<string> {
  return audited(ctx, { name: visit.actor.name }, async (trx) => {
    const now = Date.now();
    const list: RequestListTable = {
      id: randomUUID(),
      firm_id: visit.scope.firmId,
      dossier_id: visit.scope.dossierId,
      title: input.title,
      created_by: visit.actor.name,
      created_at: now,
    };
    await trx.insertInto("request_list").values(list).execute();
    await trx
      .insertInto("request_item")
      .values(
        input.items.map((item, position) => ({
          id: randomUUID(),
          list_id: list.id,
          firm_id: list.firm_id,
          dossier_id: list.dossier_id,
          position,
          label: item.label,
          folder_name: item.folder,
          due_date: input.dueDate,
          status: "open" as const,
          answer_kind: null,
          answer_text: null,
          document_id: null,
          document_name: null,
          answered_by: null,
          answered_at: null,
          review_reason: null,
          reviewed_by: null,
          reviewed_at: null,
        })),
      )
      .execute();
    await note(trx, visit, list, undefined, "request_created");
    return {
      result: list.id,
      audit: {
        scope: list.firm_id,
        action: "request.create",
        target: list.title,
        detail: { items: input.items.length },
      },
    };
  });
}

export type Answer =
  | { readonly kind: Exclude<RequestAnswerKind, "upload">; readonly text: string }
  | { readonly kind: "upload"; readonly documentId: string; readonly documentName: string };

/**
 * The client answers an item waiting for them (open, or rejected and sent back). False when it no
 * longer waits (answered meanwhile, accepted): nothing is written.
 */
export async function answerItem(
  ctx: PortalContext,
  visit: RequestVisit,
  list: RequestListTable,
  itemId: string,
  answer: Answer,
): Promise<boolean> {
  return audited(ctx, { name: visit.actor.name }, async (trx) => {
    const item = await findItem(trx, visit.scope, list.id, itemId);
    if (!item || !awaitsClient(item.status)) return { result: false, audit: [] };
    const now = Date.now();
    const changed = await trx
      .updateTable("request_item")
      .set({
        status: "answered",
        answer_kind: answer.kind,
        answer_text: answer.kind === "upload" ? null : answer.text,
        document_id: answer.kind === "upload" ? answer.documentId : null,
        document_name: answer.kind === "upload" ? answer.documentName : null,
        answered_by: visit.actor.name,
        answered_at: now,
      })
      .where("id", "=", item.id)
      .where("status", "=", item.status)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return { result: false, audit: [] };
    await note(trx, visit, list, item.label, "request_answered");
    return {
      result: true,
      audit: {
        scope: list.firm_id,
        action: "request.answer",
        target: `${list.title} · ${item.label}`,
        detail: { kind: answer.kind },
      },
    };
  });
}

/** The accountant accepts an answer, or rejects it with a reason (the item goes back to the client). */
export async function reviewItem(
  ctx: PortalContext,
  visit: RequestVisit,
  list: RequestListTable,
  itemId: string,
  decision: { accept: true } | { accept: false; reason: string },
): Promise<boolean> {
  return audited(ctx, { name: visit.actor.name }, async (trx) => {
    const item = await findItem(trx, visit.scope, list.id, itemId);
    if (!item || !awaitsReview(item.status)) return { result: false, audit: [] };
    await trx
      .updateTable("request_item")
      .set({
        status: decision.accept ? "accepted" : "rejected",
        review_reason: decision.accept ? null : decision.reason,
        reviewed_by: visit.actor.name,
        reviewed_at: Date.now(),
      })
      .where("id", "=", item.id)
      .where("status", "=", "answered")
      .execute();
    await note(trx, visit, list, item.label, decision.accept ? "answer_accepted" : "answer_rejected");
    return {
      result: true,
      audit: {
        scope: list.firm_id,
        action: decision.accept ? "request.accept" : "request.reject",
        target: `${list.title} · ${item.label}`,
      },
    };
  });
}

/** The accountant moves one item's due date (an item already accepted keeps its date). */
export async function setItemDueDate(
  ctx: PortalContext,
  visit: RequestVisit,
  list: RequestListTable,
  item: RequestItem,
  dueDate: string,
): Promise<void> {
  await audited(ctx, { name: visit.actor.name }, async (trx) => {
    await trx.updateTable("request_item").set({ due_date: dueDate }).where("id", "=", item.id).execute();
    return {
      result: undefined,
      audit: {
        scope: list.firm_id,
        action: "request.due",
        target: `${list.title} · ${item.label}`,
        detail: { dueDate },
      },
    };
  });
}
