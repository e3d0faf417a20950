import type { Counters } from "@sesame/kit/counters/counters";
import type { Database } from "@sesame/kit/db/database";
import type { Logger } from "@sesame/kit/logging/logger";
import type { AuditWriter } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { PortalActor } from "../audit/audit-log";
import type { IdentityFetch } from "../identity-client/identity-fetch";
import type { PortalDB } from "../storage/schema";
import type { PortalConfig } from "./portal-config";

/** What the portal's features receive: their dependencies, never the request. */
export interface PortalContext {
  readonly config: PortalConfig;
  readonly database: Database<PortalDB>;
  readonly db: Kysely<PortalDB>;
  /** Writes one audit entry in the transaction of a change (see kit `audited`). */
  readonly writeAudit: AuditWriter<PortalDB, PortalActor>;
  readonly counters: Counters;
  readonly logger: Logger;
  /** Public origin of the portal, e.g. https://localhost:8444. */
  readonly origin: string;
  /** The identity authority: the built-in identity service or https://login.microsoftonline.com. */
  readonly authority: string;
  readonly mailQueued: () => void;
  /** HTTPS client for the authority (trusts the local CA of the built-in identity). */
  readonly fetch: IdentityFetch;
}
