import { createHash } from "node:crypto";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { STREAM_CHUNK_BYTES } from "./stream-chunk";

/**
 * Where document bytes live: content-addressed by their SHA-256 (hex), so one content is stored
 * once and its name is its checksum. Every read is checked against that checksum.
 */
export interface BlobStore {
  readonly kind: "disk" | "s3";
  /** Moves a staged file (already hashed) in under its checksum; a second copy is a no-op. */
  commit(stagedPath: string, sha256: string, size: number): Promise<void>;
  /** The raw stored bytes (unchecked): use `readVerified`. */
  openRaw(sha256: string): Promise<Readable>;
  /** Test and repair hook: the place a blob's bytes live (a path or an object key). */
  locate(sha256: string): string;
}

/** The stored bytes no longer match the checksum they were stored under. */
export class BlobAlteredError extends Error {
  constructor(readonly sha256: string) {
    super(`stored bytes of ${sha256} do not match their checksum`);
    this.name = "BlobAlteredError";
  }
}

/**
 * Passes bytes through while hashing them and holds the last chunk back until the end: when the
 * digest differs, the stream fails before the reader has received the whole content.
 */
class VerifyingStream extends Transform {
  private readonly hash = createHash("sha256");
  private held: Buffer | undefined;
  private seen = 0;

  constructor(
    private readonly sha256: string,
    private readonly size: number,
  ) {
    super({ highWaterMark: STREAM_CHUNK_BYTES });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.seen += chunk.length;
    const previous = this.held;
    this.held = chunk;
    done(null, previous);
  }

  override _flush(done: TransformCallback): void {
    const digest = this.hash.digest("hex");
    if (digest !== this.sha256 || this.seen !== this.size) done(new BlobAlteredError(this.sha256));
    else done(null, this.held);
  }
}

/** The blob's bytes, checked against its checksum while they flow. */
export async function readVerified(store: BlobStore, sha256: string, size: number): Promise<Readable> {
  const raw = await store.openRaw(sha256);
  const verifying = new VerifyingStream(sha256, size);
  raw.on("error", (error) => verifying.destroy(error));
  return raw.pipe(verifying);
}

/**
 * Reads the whole blob once (streaming, nothing kept) and throws BlobAlteredError when it does not
 * match: what a download does before it sends a status, so altered bytes are a clear refusal
 * rather than a cut transfer. A missing blob counts as altered.
 */
export async function checkBlob(store: BlobStore, sha256: string, size: number): Promise<void> {
  let stream: Readable;
  try {
    stream = await readVerified(store, sha256, size);
  } catch {
    throw new BlobAlteredError(sha256);
  }
  try {
    await pipeline(stream, async function* (source) {
      for await (const _ of source) yield* [];
    });
  } catch (error) {
    if (error instanceof BlobAlteredError) throw error;
    throw new BlobAlteredError(sha256);
  }
}
