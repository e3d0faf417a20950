import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Database } from "./database";
import { openDatabase } from "./open-database";

/**
 * The storage targets every storage test runs on. SQLite always; PostgreSQL when reachable, and
 * required when CI=true so a CI run can never silently skip it.
 */
export interface TestTarget {
  readonly label: "sqlite" | "postgres";
  /** A connection URL for a brand-new, empty store (its own file or schema). */
  freshUrl(): Promise<string>;
}

const pgUrl = process.env.SESAME_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let pgReachable: Promise<boolean> | undefined;

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    if (process.env.CI === "true") {
      throw new Error(`PostgreSQL is required in CI but ${pgUrl} is unreachable`, { cause: error });
    }
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const sqliteTarget: TestTarget = {
  label: "sqlite",
  async freshUrl() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-test-"));
    return `sqlite:${dir}`;
  },
};

/** PostgreSQL isolation is per database: each test store is a new database created from template0. */
const postgresTarget: TestTarget = {
  label: "postgres",
  async freshUrl() {
    // The creation time in the name lets a later run drop what an interrupted run left behind.
    const name = `sesame_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    return url.toString();
  },
};

export async function testTargets(): Promise<TestTarget[]> {
  pgReachable ??= postgresReachable();
  return (await pgReachable) ? [sqliteTarget, postgresTarget] : [sqliteTarget];
}

/** Opens an empty database of the given target for one test file. */
export async function openTestDatabase<DB>(target: TestTarget, name: string): Promise<Database<DB>> {
  return openDatabase<DB>({ url: await target.freshUrl(), dataDir: os.tmpdir(), name });
}
