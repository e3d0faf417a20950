import { audited } from "@sesame/kit/operations/audited";
import type { DossierVisit } from "../documents/document-access";
import { trail } from "../documents/document-operations";
import type { PortalContext } from "../service/portal-context";
import { insertMessage, markRead, type Person } from "./message-queries";
import { messageExcerpt } from "./message-rules";

export interface NewMessage {
  readonly author: Person;
  readonly authorName: string;
  readonly body: string;
  readonly attachments: readonly { documentId: string; version: number; name: string }[];
}

/**
 * Posts a message in the dossier's thread with its attachments (already stored as documents), one
 * line in the dossier's trail and the firm's audit; the author has read their own thread.
 */
export async function postMessage(
  ctx: PortalContext,
  visit: DossierVisit,
  message: NewMessage,
): Promise<string> {
  return audited(ctx, { name: visit.actor.name }, async (trx) => {
    const now = Date.now();
    const id = await insertMessage(
      trx,
      {
        firm_id: visit.scope.firmId,
        dossier_id: visit.scope.dossierId,
        author_kind: message.author.kind,
        author_id: message.author.id,
        author_name: message.authorName,
        body: message.body,
        created_at: now,
      },
      message.attachments,
    );
    await markRead(trx, visit.scope.dossierId, message.author, now);
    await trail(
      trx,
      visit.scope,
      visit.actor,
      { id, name: messageExcerpt(message.body, message.attachments) },
      "message_sent",
    );
    return {
      result: id,
      audit: {
        scope: visit.scope.firmId,
        action: "message.post",
        target: visit.dossier.name,
        detail: { attachments: message.attachments.length },
      },
    };
  });
}
