import { randomBytes, randomInt } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { DeviceCodeTable } from "../../storage/grant-tables";
import type { IdentityDB } from "../../storage/schema";
import { hashToken } from "../refresh-tokens";

type Db = Kysely<IdentityDB>;
export type DeviceCode = Selectable<DeviceCodeTable>;
export const DEVICE_CODE_SECONDS = 900;
export const POLL_INTERVAL_SECONDS = 5;
const ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";

/** A 9-character user code (Entra's length), without vowels or look-alike characters. */
export const newUserCode = (): string =>
  Array.from({ length: 9 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

export async function createDeviceCode(
  db: Db,
  input: { clientId: string; scope: string; tenantSegment: string },
) {
  const deviceCode = randomBytes(32).toString("base64url");
  const userCode = newUserCode();
  await db
    .insertInto("device_code")
    .values({
      device_code_hash: hashToken(deviceCode),
      user_code: userCode,
      client_id: input.clientId,
      scope: input.scope,
      tenant_segment: input.tenantSegment,
      status: "pending",
      account_id: null,
      session_id: null,
      expires_at: Date.now() + DEVICE_CODE_SECONDS * 1000,
      created_at: Date.now(),
      family_id: null,
    })
    .execute();
  return { deviceCode, userCode };
}

export function findByDeviceCode(db: Db, deviceCode: string): Promise<DeviceCode | undefined> {
  return db
    .selectFrom("device_code")
    .selectAll()
    .where("device_code_hash", "=", hashToken(deviceCode))
    .executeTakeFirst();
}

export function findPendingByUserCode(db: Db, userCode: string): Promise<DeviceCode | undefined> {
  return db
    .selectFrom("device_code")
    .selectAll()
    .where("user_code", "=", userCode.trim().toUpperCase().replace(/[\s-]/g, ""))
    .where("status", "=", "pending")
    .where("expires_at", ">", Date.now())
    .executeTakeFirst();
}

export async function decideDeviceCode(
  db: Db,
  hash: string,
  decision: { approved: boolean; accountId: string; sessionId: string },
) {
  await db
    .updateTable("device_code")
    .set({
      status: decision.approved ? "approved" : "denied",
      account_id: decision.accountId,
      session_id: decision.sessionId,
    })
    .where("device_code_hash", "=", hash)
    .where("status", "=", "pending")
    .execute();
}

/** One conditional update: exactly one poll of an approved code redeems it, recording its family. */
export async function claimDeviceCode(db: Db, hash: string, familyId: string): Promise<boolean> {
  const r = await db
    .updateTable("device_code")
    .set({ status: "redeemed", family_id: familyId })
    .where("device_code_hash", "=", hash)
    .where("status", "=", "approved")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A redeemed device code polled again: what its redemption issued is revoked. */
export async function revokeDeviceCodeFamily(db: Db, hash: string): Promise<void> {
  await db
    .updateTable("refresh_token")
    .set({ revoked_at: Date.now() })
    .where("revoked_at", "is", null)
    .where("family_id", "in", (eb) =>
      eb
        .selectFrom("device_code")
        .select("family_id")
        .where("device_code_hash", "=", hash)
        .where("family_id", "is not", null)
        .$narrowType<{ family_id: string }>(),
    )
    .execute();
}
