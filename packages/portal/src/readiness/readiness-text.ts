import type { MessageKey } from "../i18n/messages";
import type { ConsentState } from "./readiness-rules";

/** The sentence that describes a readiness, shown on the contact page and by the live check. */
export function readinessKey(kind: string | null, consent: string | null): MessageKey {
  switch (kind) {
    case "work": {
      const c = consent as ConsentState | null;
      if (c === "approved") return "contact.readiness.work.approved";
      if (c === "revoked") return "contact.readiness.work.revoked";
      return "contact.readiness.work.pending";
    }
    case "personal":
      return "contact.readiness.personal";
    case "none":
      return "contact.readiness.none";
    case "not_found":
      return "contact.readiness.notFound";
    case "deleted":
      return "contact.readiness.deleted";
    case "unknown":
      return "contact.readiness.unknown";
    default:
      return "contact.readiness.never";
  }
}
