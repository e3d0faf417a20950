import { createHash, randomBytes, randomUUID } from "node:crypto";
import { preparedPerDatabase } from "@sesame/kit/db/prepared-query";
import { hostCookieOptions } from "@sesame/kit/http/cookies";
import type { Kysely, Transaction } from "kysely";
import type { Account } from "../accounts/account-queries";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

export const SESSION_COOKIE = "__Host-session";

/**
 * The SSO session cookie is `SameSite=None; Secure` like Entra's, so a `prompt=none` request in a
 * cross-site hidden iframe (msal-browser's ssoSilent and silent renewal) sees the session. Forms
 * are not exposed by it: the CSRF cookie stays Lax, so a cross-site POST never carries its token.
 */
export const sessionCookieOptions = (maxAgeSeconds?: number): ReturnType<typeof hostCookieOptions> => ({
  ...hostCookieOptions(maxAgeSeconds),
  sameSite: "none",
});
const hour = 60 * 60 * 1000;
/** "Stay signed in?": yes keeps the session 90 days across browser restarts; no, 12 hours at most. */
export const PERSISTENT_MS = 90 * 24 * hour;
export const TRANSIENT_MS = 12 * hour;

export function newBrowserToken(): string {
  return randomBytes(32).toString("base64url");
}

export const hashBrowserToken = (token: string): string =>
  createHash("sha256").update(token).digest("base64url");

export interface ActiveSession {
  readonly id: string;
  readonly authTime: number;
  readonly persistent: boolean;
  /** How the account proved itself in this session: the tokens' `amr` ("pwd", "otp", "mfa"…). */
  readonly amr: readonly string[];
  readonly account: Account;
}

/**
 * Signs an account in on this browser under a NEW browser token, returned with the session id. A
 * token the browser held before (possibly chosen by someone else and planted in the cookie) never
 * becomes the signed-in session's: the accounts it already held move to the new token, and the old
 * value opens nothing afterwards (session fixation). `trx` is the caller's transaction, so that
 * the session commits with the rest of the sign-in's writes (one commit, one fsync).
 */
export async function openSession(
  trx: Transaction<IdentityDB>,
  input: {
    heldToken: string | undefined;
    accountId: string;
    persistent: boolean;
    ip: string;
    userAgent: string;
    /** Defaults to a password alone. */
    amr?: readonly string[];
  },
): Promise<{ sid: string; browserToken: string }> {
  const now = Date.now();
  const browserToken = newBrowserToken();
  const id = randomUUID();
  if (input.heldToken) {
    // Signing in again as the same account on this browser replaces the earlier session.
    await trx
      .updateTable("sign_in_session")
      .set({ revoked_at: now })
      .where("browser_token_hash", "=", hashBrowserToken(input.heldToken))
      .where("account_id", "=", input.accountId)
      .where("revoked_at", "is", null)
      .execute();
    await moveBrowserSessions(trx, input.heldToken, browserToken);
  }
  await trx
    .insertInto("sign_in_session")
    .values({
      id,
      browser_token_hash: hashBrowserToken(browserToken),
      account_id: input.accountId,
      auth_time: now,
      created_at: now,
      last_seen_at: now,
      expires_at: now + (input.persistent ? PERSISTENT_MS : TRANSIENT_MS),
      persistent: input.persistent ? 1 : 0,
      revoked_at: null,
      ip: input.ip.slice(0, 64),
      user_agent: input.userAgent.slice(0, 300),
      amr: (input.amr ?? ["pwd"]).join(" "),
    })
    .execute();
  return { sid: id, browserToken };
}

/**
 * A new browser token for the sessions the browser holds, when one of them gains standing (it is
 * made to outlive the browser): the previous cookie value opens nothing afterwards.
 */
export async function renewBrowserToken(db: Db, heldToken: string): Promise<string> {
  const browserToken = newBrowserToken();
  await moveBrowserSessions(db, heldToken, browserToken);
  return browserToken;
}

async function moveBrowserSessions(db: Db, from: string, to: string): Promise<void> {
  await db
    .updateTable("sign_in_session")
    .set({ browser_token_hash: hashBrowserToken(to) })
    .where("browser_token_hash", "=", hashBrowserToken(from))
    .where("revoked_at", "is", null)
    .execute();
}

/** Accounts signed in on this browser, most recent first. */
type SessionRow = Account & {
  session_id: string;
  auth_time: number;
  persistent: number;
  session_amr: string;
};

// Read at every request a session is needed (authorize above all): compiled once per database
// (prepared-query.ts); revocation, expiry and a disabled account are still read at each request.
const browserSessions = preparedPerDatabase<IdentityDB, { tokenHash: string; now: number }, SessionRow>(
  (db, param) =>
    db
      .selectFrom("sign_in_session as s")
      .innerJoin("account as a", "a.id", "s.account_id")
      .selectAll("a")
      .select(["s.id as session_id", "s.auth_time", "s.persistent", "s.amr as session_amr"])
      .where("s.browser_token_hash", "=", param("tokenHash"))
      .where("s.revoked_at", "is", null)
      .where("s.expires_at", ">", param("now"))
      .where("a.enabled", "=", 1)
      .orderBy("s.auth_time", "desc"),
);

export async function activeSessions(db: Db, browserToken: string | undefined): Promise<ActiveSession[]> {
  if (!browserToken) return [];
  const { rows } = await browserSessions(db, { tokenHash: hashBrowserToken(browserToken), now: Date.now() });
  return rows.map(({ session_id, auth_time, persistent, session_amr, ...account }) => ({
    id: session_id,
    authTime: auth_time,
    persistent: persistent === 1,
    amr: session_amr.split(" "),
    account,
  }));
}

export async function endBrowserSessions(db: Db, browserToken: string): Promise<void> {
  await db
    .updateTable("sign_in_session")
    .set({ revoked_at: Date.now() })
    .where("browser_token_hash", "=", hashBrowserToken(browserToken))
    .where("revoked_at", "is", null)
    .execute();
}

/** After a password reset or on request: every session of the account, on every browser, ends. */
export async function endAccountSessions(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable("sign_in_session")
    .set({ revoked_at: Date.now() })
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null)
    .execute();
}

/** One account's session on this browser, when the browser really holds it (the picker, "Stay signed in?"). */
export async function sessionOfBrowser(
  db: Db,
  browserToken: string | undefined,
  sessionId: string,
): Promise<ActiveSession | undefined> {
  const sessions = await activeSessions(db, browserToken);
  return sessions.find((session) => session.id === sessionId);
}

/** The answer to "Stay signed in?": the session lasts PERSISTENT_MS from now, or TRANSIENT_MS. */
export async function setSessionLifetime(db: Db, sessionId: string, persistent: boolean): Promise<void> {
  const now = Date.now();
  await db
    .updateTable("sign_in_session")
    .set({ persistent: persistent ? 1 : 0, expires_at: now + (persistent ? PERSISTENT_MS : TRANSIENT_MS) })
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .execute();
}

/** Signs one account out of this browser (from the account picker); the others stay signed in. */
export async function endBrowserSession(db: Db, browserToken: string, sessionId: string): Promise<void> {
  await db
    .updateTable("sign_in_session")
    .set({ revoked_at: Date.now() })
    .where("browser_token_hash", "=", hashBrowserToken(browserToken))
    .where("id", "=", sessionId)
    .where("revoked_at", "is", null)
    .execute();
}

/** A second factor proved in this session (step-up or registration): its tokens say so from now on. */
export async function setSessionAmr(db: Db, sessionId: string, amr: readonly string[]): Promise<void> {
  await db
    .updateTable("sign_in_session")
    .set({ amr: amr.join(" ") })
    .where("id", "=", sessionId)
    .execute();
}
