import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { loadPortalConfig } from "../service/portal-config";
import { startTestS3, type TestS3 } from "../testing/s3-server";
import { BlobAlteredError, checkBlob, commitBlob, openVerified } from "./blob-store";
import { documentStorage } from "./document-storage";
import { alterStored } from "./document-test-support";
import { stageUpload, UploadTooLargeError } from "./staging";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A source that yields `size` bytes in 64 KiB chunks, then fails: a connection cut mid-upload. */
function cutSource(size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.destroy(new Error("connection reset"));
      sent += 65536;
      this.push(Buffer.alloc(65536, 7));
    },
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

for (const kind of ["disk", "s3"] as const) {
  describe(`document blob storage (${kind})`, () => {
    let dataDir: string;
    let s3: TestS3 | undefined;
    let storage: ReturnType<typeof documentStorage>;
    const content = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300_000, 1)]);

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-blobs-"));
      s3 = kind === "s3" ? await startTestS3() : undefined;
      storage = documentStorage(loadPortalConfig({ SESAME_DATA_DIR: dataDir, ...s3?.env }));
      assert.equal(storage.blobs.kind, kind);
    });
    after(async () => {
      await s3?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("stores a file under its SHA-256 and reads the same bytes back, checked", async () => {
      const staged = await stageUpload(Readable.from([content]), storage.stagingDir, 1 << 20);
      assert.equal(staged.sha256, sha(content));
      assert.equal(staged.size, content.length);
      assert.equal(staged.head.subarray(0, 5).toString(), "%PDF-");
      await commitBlob(storage.blobs, staged);
      assert.equal(fs.existsSync(staged.path), false, "the staged part is gone once stored");
      await checkBlob(storage.blobs, staged.sha256, staged.size);
      const back = await collect(await openVerified(storage.blobs, staged.sha256, staged.size));
      assert.ok(back.equals(content));
      assert.deepEqual(fs.readdirSync(storage.stagingDir), []);
    });

    it("an upload cut midway leaves nothing staged and nothing stored", async () => {
      await assert.rejects(stageUpload(cutSource(500_000), storage.stagingDir, 1 << 30), /connection reset/);
      assert.deepEqual(fs.readdirSync(storage.stagingDir), []);
    });

    it("an upload over the limit is refused and leaves nothing behind", async () => {
      await assert.rejects(
        stageUpload(Readable.from([Buffer.alloc(2000), Buffer.alloc(2000)]), storage.stagingDir, 3000),
        UploadTooLargeError,
      );
      assert.deepEqual(fs.readdirSync(storage.stagingDir), []);
    });

    it("altered stored bytes are refused on read before any byte, after a read that found them whole", async () => {
      const staged = await stageUpload(Readable.from([content]), storage.stagingDir, 1 << 20);
      await commitBlob(storage.blobs, staged);
      assert.ok(
        (await collect(await openVerified(storage.blobs, staged.sha256, staged.size))).equals(content),
      );
      alterStored(storage.blobs.locate(staged.sha256), s3?.bucketDir);
      await assert.rejects(openVerified(storage.blobs, staged.sha256, staged.size), BlobAlteredError);
      await assert.rejects(checkBlob(storage.blobs, staged.sha256, staged.size), BlobAlteredError);
    });

    it("a missing blob is refused like an altered one", async () => {
      await assert.rejects(checkBlob(storage.blobs, "0".repeat(64), 1), BlobAlteredError);
    });
  });
}

describe("document blob storage on disk: reads after a verified one", () => {
  let dataDir: string;
  let storage: ReturnType<typeof documentStorage>;
  // Large enough that a read stream has not reached its middle when the reader has taken one chunk.
  const content = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(16 << 20, 3)]);
  let sha256: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-blobs-"));
    storage = documentStorage(loadPortalConfig({ SESAME_DATA_DIR: dataDir }));
    const staged = await stageUpload(Readable.from([content]), storage.stagingDir, 1 << 30);
    sha256 = staged.sha256;
    await commitBlob(storage.blobs, staged);
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("bytes whose stamp changed (times touched, bytes the same) are checked whole, then sent whole", async () => {
    const file = storage.blobs.locate(sha256);
    fs.utimesSync(file, new Date(), new Date(Date.now() - 60_000));
    const back = await collect(await openVerified(storage.blobs, sha256, content.length));
    assert.ok(back.equals(content));
  });

  it("bytes altered while they stream fail the stream before its end, and the next read refuses them at once", async () => {
    const stream = await openVerified(storage.blobs, sha256, content.length);
    let received = 0;
    await assert.rejects(async () => {
      for await (const chunk of stream) {
        if (received === 0) alterStored(storage.blobs.locate(sha256));
        received += (chunk as Buffer).length;
      }
    }, BlobAlteredError);
    assert.ok(received > 0 && received < content.length, `${received} of ${content.length} bytes received`);
    await assert.rejects(openVerified(storage.blobs, sha256, content.length), BlobAlteredError);
  });

  it("bytes altered with their modification time put back are still refused before any byte", async () => {
    const other = Buffer.concat([content, Buffer.from("v2")]);
    const staged = await stageUpload(Readable.from([other]), storage.stagingDir, 1 << 30);
    await commitBlob(storage.blobs, staged);
    assert.ok((await collect(await openVerified(storage.blobs, staged.sha256, other.length))).equals(other));
    const file = storage.blobs.locate(staged.sha256);
    const before = fs.statSync(file, { bigint: true });
    alterStored(file, undefined, { keepTimes: true });
    assert.equal(fs.statSync(file, { bigint: true }).mtimeNs, before.mtimeNs, "the same modification time");
    await assert.rejects(openVerified(storage.blobs, staged.sha256, other.length), BlobAlteredError);
  });
});
