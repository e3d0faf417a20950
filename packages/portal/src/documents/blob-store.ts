import { createHash } from "node:crypto";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { STREAM_CHUNK_BYTES } from "./stream-chunk";
import { VerifiedStamps } from "./verified-stamps";

/**
 * Where document bytes live: content-addressed by their SHA-256 (hex), so one content is stored
 * once and its name is its checksum. Every read is checked against that checksum.
 */
export interface BlobStore {
  readonly kind: "disk" | "s3";
  /**
   * Moves a staged file (already hashed) in under its checksum; a second copy is a no-op. Answers
   * the stored file's stamp when the stored bytes are the staged ones (hashed on their way in).
   */
  commit(stagedPath: string, sha256: string, size: number): Promise<string | undefined>;
  /** The stored bytes, opened once (a missing blob rejects): use `openVerified` or `checkBlob`. */
  open(sha256: string): Promise<OpenedBlob>;
  /** Test and repair hook: the place a blob's bytes live (a path or an object key). */
  locate(sha256: string): string;
}

/** One stored blob, opened: every read is of the object opened, even if its path is replaced. */
export interface OpenedBlob {
  /** Changes with any write to the stored bytes (disk: from the opened file); undefined: no stamp. */
  readonly stamp: string | undefined;
  /** The raw bytes from the start, unchecked; `last`: the blob closes when this stream ends. */
  read(last: boolean): Promise<Readable>;
  close(): Promise<void>;
}

/** The stored bytes no longer match the checksum they were stored under. */
export class BlobAlteredError extends Error {
  constructor(readonly sha256: string) {
    super(`stored bytes of ${sha256} do not match their checksum`);
    this.name = "BlobAlteredError";
  }
}

const stampsByStore = new WeakMap<BlobStore, VerifiedStamps>();
function verifiedStamps(store: BlobStore): VerifiedStamps {
  const known = stampsByStore.get(store);
  if (known) return known;
  const stamps = new VerifiedStamps();
  stampsByStore.set(store, stamps);
  return stamps;
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
    private readonly verdict: (matches: boolean) => void,
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
    const matches = this.hash.digest("hex") === this.sha256 && this.seen === this.size;
    this.verdict(matches);
    if (!matches) done(new BlobAlteredError(this.sha256));
    else done(null, this.held);
  }
}

/** Moves a staged upload into the store; its bytes were hashed on their way in: they count as verified. */
export async function commitBlob(store: BlobStore, staged: { path: string; sha256: string; size: number }) {
  const stamp = await store.commit(staged.path, staged.sha256, staged.size);
  verifiedStamps(store).remember(staged.sha256, stamp);
}

async function openOrAltered(store: BlobStore, sha256: string): Promise<OpenedBlob> {
  try {
    return await store.open(sha256);
  } catch {
    throw new BlobAlteredError(sha256);
  }
}

async function readWholeVerified(blob: OpenedBlob, sha256: string, size: number): Promise<void> {
  const hash = createHash("sha256");
  let seen = 0;
  try {
    for await (const chunk of await blob.read(false)) {
      hash.update(chunk as Buffer);
      seen += (chunk as Buffer).length;
    }
  } catch {
    throw new BlobAlteredError(sha256);
  }
  if (seen !== size || hash.digest("hex") !== sha256) throw new BlobAlteredError(sha256);
}

/**
 * The blob's bytes, checked against their checksum while they flow. Before that, unless these
 * stored bytes were verified whole since their last change (same stamp), they are read and checked
 * whole, so that altered bytes are a clear refusal (BlobAlteredError, before any byte is sent)
 * rather than a cut transfer. Either way a reader never receives the whole of altered bytes: the
 * stream fails before its last chunk, and the stamp is forgotten so the next read checks first.
 */
export async function openVerified(store: BlobStore, sha256: string, size: number): Promise<Readable> {
  const stamps = verifiedStamps(store);
  const blob = await openOrAltered(store, sha256);
  let raw: Readable;
  try {
    if (!stamps.matches(sha256, blob.stamp)) {
      stamps.forget(sha256);
      await readWholeVerified(blob, sha256, size);
      stamps.remember(sha256, blob.stamp);
    }
    raw = await blob.read(true);
  } catch (error) {
    await blob.close();
    throw error instanceof BlobAlteredError ? error : new BlobAlteredError(sha256);
  }
  const verifying = new VerifyingStream(sha256, size, (matches) =>
    matches ? stamps.remember(sha256, blob.stamp) : stamps.forget(sha256),
  );
  raw.on("error", (error) => verifying.destroy(error));
  // A reader that stops early (a client gone) closes the stored file too.
  verifying.on("close", () => raw.destroy());
  return raw.pipe(verifying);
}

/**
 * Reads the whole blob once (streaming, nothing kept) and throws BlobAlteredError when it does not
 * match. A missing blob counts as altered.
 */
export async function checkBlob(store: BlobStore, sha256: string, size: number): Promise<void> {
  const stamps = verifiedStamps(store);
  const blob = await openOrAltered(store, sha256);
  try {
    await readWholeVerified(blob, sha256, size);
    stamps.remember(sha256, blob.stamp);
  } catch (error) {
    stamps.forget(sha256);
    throw error;
  } finally {
    await blob.close();
  }
}
