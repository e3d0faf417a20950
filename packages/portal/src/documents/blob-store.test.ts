import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { loadPortalConfig } from "../service/portal-config";
import { startTestS3, type TestS3 } from "../testing/s3-server";
import { BlobAlteredError, checkBlob, readVerified } from "./blob-store";
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
      await storage.blobs.commit(staged.path, staged.sha256, staged.size);
      assert.equal(fs.existsSync(staged.path), false, "the staged part is gone once stored");
      await checkBlob(storage.blobs, staged.sha256, staged.size);
      const back = await collect(await readVerified(storage.blobs, staged.sha256, staged.size));
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

    it("altered stored bytes are refused on read, before and while streaming", async () => {
      const staged = await stageUpload(Readable.from([content]), storage.stagingDir, 1 << 20);
      await storage.blobs.commit(staged.path, staged.sha256, staged.size);
      alterStored(storage.blobs.locate(staged.sha256), s3?.bucketDir);
      await assert.rejects(checkBlob(storage.blobs, staged.sha256, staged.size), BlobAlteredError);
      await assert.rejects(
        collect(await readVerified(storage.blobs, staged.sha256, staged.size)),
        BlobAlteredError,
      );
    });

    it("a missing blob is refused like an altered one", async () => {
      await assert.rejects(checkBlob(storage.blobs, "0".repeat(64), 1), BlobAlteredError);
    });
  });
}
