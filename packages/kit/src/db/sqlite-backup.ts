import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { ensurePrivateDir } from "../files/private-files";
import { sqliteFile } from "./sqlite-database";

export interface BackedUp {
  readonly service: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Copies each service's SQLite file into `targetDir` with SQLite's online backup API: a consistent
 * snapshot taken page by page while the servers go on writing (a plain file copy of a WAL database
 * can miss committed pages). The copies are private files, like the originals.
 */
export async function backupSqliteFiles(
  options: { url: string | undefined; dataDir: string; services: readonly string[] },
  targetDir: string,
): Promise<BackedUp[]> {
  ensurePrivateDir(targetDir);
  const done: BackedUp[] = [];
  for (const service of options.services) {
    const from = sqliteFile(options.url, { url: options.url, dataDir: options.dataDir, name: service });
    if (!fs.existsSync(from)) continue;
    const to = path.join(targetDir, `${service}.sqlite`);
    if (fs.existsSync(to)) throw new Error(`${to} exists already: back up into a new directory`);
    const source = new SqliteDatabase(from, { fileMustExist: true });
    try {
      await source.backup(to);
    } finally {
      source.close();
    }
    fs.chmodSync(to, 0o600);
    done.push({ service, from, to });
  }
  return done;
}
