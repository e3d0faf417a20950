import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

/**
 * Called inside the transaction that changes an account's password, after its sign-in sessions
 * have ended: other features end what they issued on the old password (the oauth feature revokes
 * the account's refresh tokens there). A listener that throws rolls the whole change back.
 */
export type PasswordChangeListener = (trx: Kysely<IdentityDB>, accountId: string) => Promise<void>;

// A set, so a feature registered by several in-process test servers is still called once.
const listeners = new Set<PasswordChangeListener>();

/** Registers a listener, typically at module level or in a feature's `register`; idempotent. */
export function onPasswordChanged(listener: PasswordChangeListener): void {
  listeners.add(listener);
}

/** Runs every listener in `trx`, one after the other. */
export async function notifyPasswordChanged(trx: Kysely<IdentityDB>, accountId: string): Promise<void> {
  for (const listener of listeners) await listener(trx, accountId);
}
