import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Account } from "../accounts/account-queries";
import type { SkuTable } from "../storage/licence-tables";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";

type Db = Kysely<IdentityDB>;
export type Sku = Selectable<SkuTable>;

const MAX_SEATS = 300_000;

/** A product named by skuPartNumber (O365_BUSINESS_PREMIUM) or skuId, or a clear error. */
export async function requireSku(db: Db, name: string): Promise<Sku> {
  const value = name.trim();
  const sku = await db
    .selectFrom("sku")
    .selectAll()
    .where((eb) => eb.or([eb("part_number", "=", value.toUpperCase()), eb("id", "=", value.toLowerCase())]))
    .executeTakeFirst();
  if (!sku) throw new DirectoryError("directory.error.skuUnknown", { sku: value }, 404);
  return sku;
}

export function listSkus(db: Db): Promise<Sku[]> {
  return db.selectFrom("sku").selectAll().orderBy("display_name").execute();
}

function checkSeatCount(seats: number): void {
  if (!Number.isInteger(seats) || seats < 0 || seats > MAX_SEATS)
    throw new DirectoryError("directory.error.seatCount", { max: MAX_SEATS });
}

/** Buys `seats` more of a product: creates the subscription or adds to the existing one. */
export async function addSeats(trx: Db, tenantId: string, sku: Sku, seats: number): Promise<void> {
  checkSeatCount(seats);
  if (seats === 0) throw new DirectoryError("directory.error.seatCount", { max: MAX_SEATS });
  const now = Date.now();
  await trx
    .insertInto("subscription")
    .values({
      id: randomUUID(),
      tenant_id: tenantId,
      sku_id: sku.id,
      seats,
      assigned: 0,
      status: "Enabled",
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "sku_id"]).doUpdateSet({
        seats: sql<number>`subscription.seats + excluded.seats`,
        status: "Enabled",
        updated_at: now,
      }),
    )
    .execute();
}

/** Sets the seat count; never below the seats already assigned (one conditional update, race-safe). */
export async function setSeats(trx: Db, tenantId: string, sku: Sku, seats: number): Promise<void> {
  checkSeatCount(seats);
  const result = await trx
    .updateTable("subscription")
    .set({ seats, updated_at: Date.now() })
    .where("tenant_id", "=", tenantId)
    .where("sku_id", "=", sku.id)
    .where("assigned", "<=", seats)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return;
  const current = await subscriptionOf(trx, tenantId, sku);
  throw new DirectoryError(
    "directory.error.seatsBelowAssigned",
    {
      sku: sku.display_name,
      assigned: current.assigned,
    },
    409,
  );
}

async function subscriptionOf(db: Db, tenantId: string, sku: Sku) {
  const subscription = await db
    .selectFrom("subscription")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("sku_id", "=", sku.id)
    .executeTakeFirst();
  if (!subscription)
    throw new DirectoryError("directory.error.noSubscription", { sku: sku.display_name }, 404);
  return subscription;
}

/**
 * Gives a user a seat. The seat is taken by one conditional UPDATE (`assigned < seats`), so two
 * parallel assignments for the last seat give one success; the row insert then makes the
 * assignment, and any failure rolls the seat back with the transaction.
 */
export async function assignLicence(trx: Db, account: Account, sku: Sku): Promise<void> {
  if (account.kind !== "work")
    throw new DirectoryError("directory.error.notWorkAccount", { user: account.email });
  const subscription = await subscriptionOf(trx, account.tenant_id, sku);
  const held = await trx
    .selectFrom("licence_assignment")
    .select("account_id")
    .where("account_id", "=", account.id)
    .where("sku_id", "=", sku.id)
    .executeTakeFirst();
  if (held)
    throw new DirectoryError(
      "directory.error.licenceHeld",
      { user: account.email, sku: sku.display_name },
      409,
    );
  const taken = await trx
    .updateTable("subscription")
    .set({ assigned: sql<number>`assigned + 1`, updated_at: Date.now() })
    .where("id", "=", subscription.id)
    .where("status", "=", "Enabled")
    .whereRef("assigned", "<", "seats")
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 0)
    throw new DirectoryError(
      "directory.error.noSeats",
      { sku: sku.display_name, seats: subscription.seats },
      409,
    );
  try {
    await trx
      .insertInto("licence_assignment")
      .values({
        account_id: account.id,
        sku_id: sku.id,
        tenant_id: account.tenant_id,
        subscription_id: subscription.id,
        assigned_at: Date.now(),
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DirectoryError(
        "directory.error.licenceHeld",
        { user: account.email, sku: sku.display_name },
        409,
      );
    throw error;
  }
}

export async function unassignLicence(trx: Db, account: Account, sku: Sku): Promise<void> {
  const released = await releaseSeats(trx, account.id, sku.id);
  if (released === 0)
    throw new DirectoryError(
      "directory.error.licenceNotHeld",
      { user: account.email, sku: sku.display_name },
      404,
    );
}

/** Frees the account's seats (one product, or all when the account is deleted); returns how many. */
export async function releaseSeats(trx: Db, accountId: string, skuId?: string): Promise<number> {
  let query = trx.selectFrom("licence_assignment").selectAll().where("account_id", "=", accountId);
  if (skuId) query = query.where("sku_id", "=", skuId);
  const rows = await query.execute();
  for (const row of rows) {
    const deleted = await trx
      .deleteFrom("licence_assignment")
      .where("account_id", "=", accountId)
      .where("sku_id", "=", row.sku_id)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) continue;
    await trx
      .updateTable("subscription")
      .set({ assigned: sql<number>`assigned - 1`, updated_at: Date.now() })
      .where("id", "=", row.subscription_id)
      .execute();
  }
  return rows.length;
}
