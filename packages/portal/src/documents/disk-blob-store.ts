import type { BigIntStats } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { BlobStore } from "./blob-store";
import { STREAM_CHUNK_BYTES } from "./stream-chunk";

/**
 * What a write to a stored file changes: its inode (replaced), size, mtime and ctime. ctime cannot
 * be set back by `utimes`, and since Linux 6.13 (multigrain timestamps on ext4, xfs, btrfs, tmpfs)
 * a change after the stamp was read gets a ctime of its own even within one clock tick.
 */
const stampOf = (s: BigIntStats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;

/** Blobs as files under `<root>/<2 hex>/<sha256>`, moved in by rename (atomic on one file system). */
export function diskBlobStore(root: string): BlobStore {
  const locate = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    kind: "disk",
    locate,
    async commit(stagedPath, sha256) {
      const target = locate(sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.access(target);
        await fs.rm(stagedPath, { force: true });
        return undefined;
      } catch {
        await fs.rename(stagedPath, target);
        return stampOf(await fs.stat(target, { bigint: true }));
      }
    },
    async open(sha256) {
      const file = await fs.open(locate(sha256), "r");
      let stamp: string;
      try {
        stamp = stampOf(await file.stat({ bigint: true }));
      } catch (error) {
        await file.close();
        throw error;
      }
      return {
        stamp,
        // Positioned reads from the start: a second read of the same descriptor starts over.
        read: async (last) =>
          file.createReadStream({ start: 0, autoClose: last, highWaterMark: STREAM_CHUNK_BYTES }),
        close: () => file.close(),
      };
    },
  };
}
