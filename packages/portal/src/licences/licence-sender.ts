import type { PortalContext } from "../service/portal-context";
import { licenceSkus } from "./licence-catalog";
import { backoffMs, localStatus } from "./licence-rules";
import {
  claimLicenceRequest,
  dueLicenceRequests,
  type LicenceRequest,
  updateLicenceRequest,
} from "./licence-store";
import { type ResellerClient, resellerClient } from "./reseller-client";

export interface LicenceSender {
  /** Look now instead of at the next poll (called right after a request was committed). */
  kick(): void;
  /** Sends every request due at `now` once (after any pass already running). */
  drain(now?: number): Promise<number>;
  /** Asks identity for the latest status of requests it received; failures keep the last known. */
  refresh(requests: readonly LicenceRequest[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The outbox of licence requests, like the mail sender: each row is claimed with a conditional
 * update, sent, then marked with identity's id and status. Network errors and 5xx keep the row
 * and retry with backoff; a 4xx or an AADSTS refusal marks it "rejected" with the reason.
 */
export function startLicenceSender(
  ctx: PortalContext,
  options: { pollMs?: number; claimMs?: number; client?: ResellerClient } = {},
): LicenceSender {
  const client = options.client ?? resellerClient(ctx);
  const claimMs = options.claimMs ?? 60_000;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function sendOne(id: string, now: number): Promise<boolean> {
    const row = await claimLicenceRequest(ctx.db, id, now, claimMs);
    if (!row) return false;
    const outcome = await client.create({
      customerName: row.customer_name ?? row.tenant_id,
      contactEmail: row.requested_by,
      customerTenantId: row.tenant_id,
      skuPartNumber: row.sku,
      quantity: Number(row.seats),
      note: `Sésame — ${licenceSkus.find((s) => s.part === row.sku)?.name ?? row.sku}, ${row.requested_by}`,
    });
    if (outcome.kind === "ok") {
      await updateLicenceRequest(ctx.db, id, {
        status: localStatus(outcome.value.status),
        remote_id: outcome.value.id,
        note: outcome.value.status === "declined" ? "declined" : null,
        claimed_until: null,
        last_error: null,
      });
      return true;
    }
    const attempts = Number(row.attempts) + 1;
    if (outcome.kind === "refused") {
      ctx.logger.warn({ licenceRequest: id, error: outcome.error }, "licence request refused");
      await updateLicenceRequest(ctx.db, id, {
        status: "rejected",
        note: outcome.reason,
        attempts,
        claimed_until: null,
        last_error: outcome.error,
      });
      return false;
    }
    ctx.logger.warn(
      { licenceRequest: id, attempts, error: outcome.error },
      "licence request not sent, will retry",
    );
    await updateLicenceRequest(ctx.db, id, {
      attempts,
      claimed_until: null,
      next_attempt_at: Date.now() + backoffMs(attempts),
      last_error: outcome.error,
    });
    return false;
  }

  async function pass(now: number): Promise<number> {
    let sent = 0;
    for (const id of await dueLicenceRequests(ctx.db, now)) if (await sendOne(id, now)) sent++;
    return sent;
  }

  function start(now: number): Promise<number> {
    const next = (running ?? Promise.resolve(0))
      .then(() => pass(now))
      .catch((error) => {
        ctx.logger.error({ err: error }, "licence request pass failed");
        return 0;
      });
    const tracked = next.finally(() => {
      if (running === tracked) running = undefined;
    });
    running = tracked;
    return tracked;
  }

  const timer = setInterval(() => {
    if (!stopped && !running) void start(Date.now());
  }, options.pollMs ?? 5000);
  timer.unref();

  return {
    kick() {
      if (!stopped) void start(Date.now());
    },
    drain: (now = Date.now()) => start(now),
    async refresh(requests) {
      const open = requests.filter((r) => r.status === "sent" && r.remote_id).slice(0, 20);
      await Promise.all(
        open.map(async (r) => {
          const outcome = await client.read(r.remote_id ?? "");
          if (outcome.kind !== "ok") return;
          const status = localStatus(outcome.value.status);
          if (status === r.status) return;
          // A refusal keeps the reseller's own words for the firm and the contact.
          const note = status === "rejected" ? `declined:${outcome.value.statusReason ?? ""}` : null;
          await updateLicenceRequest(ctx.db, r.id, { status, note }).catch(() => undefined);
          Object.assign(r, { status, note });
        }),
      );
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
