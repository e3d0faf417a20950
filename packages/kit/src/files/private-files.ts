import fs from "node:fs";

/**
 * The data directory holds the databases, the TLS keys and the key-encryption key: only the
 * service's own user may read it. Applied on every start, so a directory made by an older version
 * (0755, files 0644) is tightened too.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** Creates `file` empty if missing, and makes it readable and writable by its owner only. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
}

/** Tightens an existing file (SQLite's -wal and -shm appear after the database opens). */
export function tightenIfPresent(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
