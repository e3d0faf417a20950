/**
 * oidc-provider's storage for the code benchmark, durable as identity's: SQLite through
 * better-sqlite3 (the driver identity uses), in WAL mode with `synchronous = NORMAL`, identity's
 * own settings (packages/kit/src/db/sqlite-database.ts). oidc-provider ships only a development
 * adapter, in memory, and its documentation says a deployment must replace it; this is the
 * replacement a deployment beside identity would write, built to be fast rather than to lose: one
 * table, compiled statements, an index per lookup oidc-provider makes (grant, session uid, user
 * code), each write one autocommit statement. The in-memory adapter (unbounded-memory-adapter.ts)
 * stays measured beside it, so the table shows what durability costs each server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { GRANTABLE_MODELS } from "./unbounded-memory-adapter";

interface Row {
  readonly payload: string;
  readonly expires_at: number | null;
  readonly consumed_at: number | null;
}

function live(row: Row | undefined): Record<string, unknown> | undefined {
  if (!row || (row.expires_at !== null && row.expires_at <= Date.now())) return undefined;
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** A fresh database in a temporary directory; `close` removes it (the server's SIGTERM). */
export function openSqliteAdapter() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-bench-oidc-"));
  const db = new Database(path.join(dir, "oidc.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(`
    create table entry (
      model text not null,
      id text not null,
      payload text not null,
      grant_id text,
      uid text,
      user_code text,
      expires_at integer,
      consumed_at integer,
      primary key (model, id)
    );
    create index entry_grant on entry (grant_id) where grant_id is not null;
    create index entry_uid on entry (model, uid) where uid is not null;
    create index entry_user_code on entry (model, user_code) where user_code is not null;
  `);
  const lookup = (column: "id" | "uid" | "user_code") =>
    db.prepare(`select payload, expires_at, consumed_at from entry where model = ? and ${column} = ?`);
  const statements = {
    upsert: db.prepare(
      `insert into entry (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at)
       values (@model, @id, @payload, @grantId, @uid, @userCode, @expiresAt, null)
       on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
         uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at,
         consumed_at = null`,
    ),
    find: lookup("id"),
    byUid: lookup("uid"),
    byUserCode: lookup("user_code"),
    consume: db.prepare("update entry set consumed_at = ? where model = ? and id = ?"),
    destroy: db.prepare("delete from entry where model = ? and id = ?"),
    revoke: db.prepare("delete from entry where grant_id = ?"),
  };

  /** oidc-provider's adapter interface: one instance per model (AuthorizationCode, RefreshToken, Session...). */
  class SqliteAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      statements.upsert.run({
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grantId: GRANTABLE_MODELS.has(this.model) ? text(payload.grantId) : null,
        uid: this.model === "Session" ? text(payload.uid) : null,
        userCode: text(payload.userCode),
        expiresAt: typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : null,
      });
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      return live(statements.find.get(this.model, id) as Row | undefined);
    }

    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      return live(statements.byUid.get(this.model, uid) as Row | undefined);
    }

    async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
      return live(statements.byUserCode.get(this.model, userCode) as Row | undefined);
    }

    async consume(id: string): Promise<void> {
      statements.consume.run(Math.floor(Date.now() / 1000), this.model, id);
    }

    async destroy(id: string): Promise<void> {
      statements.destroy.run(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      statements.revoke.run(grantId);
    }
  }

  return {
    adapter: SqliteAdapter,
    close(): void {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
