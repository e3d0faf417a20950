import type { Kysely, Selectable } from "kysely";
import type { AccountTable } from "../storage/account-table";
import type { IdentityDB } from "../storage/schema";
import { normalizeEmail } from "./email";

export type Account = Selectable<AccountTable>;

export function findAccountByEmail(db: Kysely<IdentityDB>, email: string): Promise<Account | undefined> {
  return db
    .selectFrom("account")
    .selectAll()
    .where("email_normalized", "=", normalizeEmail(email))
    .executeTakeFirst();
}

export function findAccountById(db: Kysely<IdentityDB>, id: string): Promise<Account | undefined> {
  return db.selectFrom("account").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function emailIsTaken(db: Kysely<IdentityDB>, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("account")
    .select("id")
    .where("email_normalized", "=", normalizeEmail(email))
    .executeTakeFirst();
  return row !== undefined;
}
