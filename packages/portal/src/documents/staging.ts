import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { STREAM_CHUNK_BYTES } from "./stream-chunk";

/** An upload written to the staging folder, hashed on the way: not a document yet. */
export interface StagedFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for the type check by content. */
  readonly head: Buffer;
}

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`upload larger than ${maxBytes} bytes`);
    this.name = "UploadTooLargeError";
  }
}

const HEAD_BYTES = 4100;

class Measure extends Transform {
  readonly hash = createHash("sha256");
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headSize = 0;

  constructor(private readonly maxBytes: number) {
    super({ highWaterMark: STREAM_CHUNK_BYTES });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new UploadTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    if (this.headSize < HEAD_BYTES) {
      this.headChunks.push(chunk.subarray(0, HEAD_BYTES - this.headSize));
      this.headSize += Math.min(chunk.length, HEAD_BYTES - this.headSize);
    }
    done(null, chunk);
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

/**
 * Streams an upload into `<dir>/<random>.part` while hashing it; never holds the file in memory.
 * A cut, failed or oversized upload leaves nothing behind (the part file is removed) and throws.
 */
export async function stageUpload(source: Readable, dir: string, maxBytes: number): Promise<StagedFile> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.part`);
  const measure = new Measure(maxBytes);
  try {
    await pipeline(
      source,
      measure,
      createWriteStream(file, { flags: "wx", highWaterMark: STREAM_CHUNK_BYTES }),
    );
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
  return { path: file, sha256: measure.hash.digest("hex"), size: measure.size, head: measure.head() };
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await fs.rm(staged.path, { force: true });
}
