import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import { type PortalActor, writeAudit } from "../audit/audit-log";
import { createSession } from "../sessions/session-store";
import type { SessionKind } from "../storage/auth-tables";
import type { PortalDB } from "../storage/schema";

/**
 * Opens a portal session after a verified sign-in, and records it in the firm's journal (issue 13:
 * "records neither accepted invitations nor sign-ins"). Returns the session cookie's value.
 */
export async function openSignedInSession(
  db: Kysely<PortalDB>,
  input: {
    kind: SessionKind;
    firmId: string;
    subjectId: string;
    tid: string;
    oid: string;
    name: string;
    email: string | undefined;
    idToken: string;
  },
): Promise<string> {
  const who = input.email ?? input.name;
  return audited<PortalDB, PortalActor, string>({ db, writeAudit }, { name: who }, async (trx) => ({
    result: await createSession(trx, input),
    audit: { scope: input.firmId, action: `${input.kind}.signin`, target: who },
  }));
}
