import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { BlobStore } from "./blob-store";
import { STREAM_CHUNK_BYTES } from "./stream-chunk";

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
      } catch {
        await fs.rename(stagedPath, target);
      }
    },
    async openRaw(sha256): Promise<Readable> {
      const stream = createReadStream(locate(sha256), { highWaterMark: STREAM_CHUNK_BYTES });
      await new Promise<void>((resolve, reject) => {
        stream.once("open", () => resolve());
        stream.once("error", reject);
      });
      return stream;
    },
  };
}
