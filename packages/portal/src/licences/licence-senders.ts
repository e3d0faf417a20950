import type { PortalContext } from "../service/portal-context";
import { hasResellerApi } from "./licence-rules";
import { type LicenceSender, startLicenceSender } from "./licence-sender";

const senders = new WeakMap<PortalContext, LicenceSender>();

/**
 * Starts the portal's sender of licence requests. Against real Microsoft there is no reseller API:
 * requests stay in the portal for the firm's licence supplier, and no sender runs.
 */
export function startLicenceSenderFor(ctx: PortalContext): LicenceSender | undefined {
  if (!hasResellerApi(ctx.authority)) return undefined;
  const sender = startLicenceSender(ctx);
  senders.set(ctx, sender);
  return sender;
}

/** The running sender of licence requests (undefined against real Microsoft: nothing to send to). */
export function licenceSenderOf(ctx: PortalContext): LicenceSender | undefined {
  return senders.get(ctx);
}
