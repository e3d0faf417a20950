import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { loadOnce } from "@sesame/kit/modules/load-once";
import type { BlobStore } from "./blob-store";

export interface S3Settings {
  readonly endpoint?: string | undefined;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  /** Path-style addressing (http://host/bucket/key): what MinIO and local servers need. */
  readonly forcePathStyle: boolean;
}

/**
 * Blobs as objects `blobs/<sha256>` of an S3-compatible bucket; bodies stream both ways. The AWS SDK
 * (a large import) loads with the first blob stored or read, not at start.
 */
export function s3BlobStore(settings: S3Settings): BlobStore {
  const sdk = loadOnce("@aws-sdk/client-s3", async () => {
    const s3 = await import("@aws-sdk/client-s3");
    return { s3, client: newClient(s3.S3Client, settings) };
  });
  const locate = (sha256: string) => `blobs/${sha256}`;
  const Bucket = settings.bucket;
  return {
    kind: "s3",
    locate,
    async commit(stagedPath, sha256, size) {
      const { s3, client } = await sdk();
      try {
        await client.send(new s3.HeadObjectCommand({ Bucket, Key: locate(sha256) }));
      } catch {
        await client.send(
          new s3.PutObjectCommand({
            Bucket,
            Key: locate(sha256),
            Body: createReadStream(stagedPath),
            ContentLength: size,
            ContentType: "application/octet-stream",
          }),
        );
      }
      await fs.rm(stagedPath, { force: true });
      return undefined;
    },
    async open(sha256) {
      const { s3, client } = await sdk();
      const get = async () => {
        const answer = await client.send(new s3.GetObjectCommand({ Bucket, Key: locate(sha256) }));
        if (!(answer.Body instanceof Readable)) throw new Error("S3 answered without a body stream");
        return answer.Body;
      };
      // The first body is fetched now (a missing object rejects here); each later read is a new GET.
      let first: Readable | undefined = await get();
      return {
        // An object has no stamp here: every read of it is checked whole before the status.
        stamp: undefined,
        read: async () => {
          const body = first ?? (await get());
          first = undefined;
          return body;
        },
        close: async () => {
          first?.destroy();
        },
      };
    },
  };
}

function newClient(Client: typeof S3Client, settings: S3Settings): S3Client {
  return new Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    // The content is checked by its SHA-256 on every read; the SDK's own CRC trailers (aws-chunked
    // bodies) are not understood by every S3-compatible server.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
  });
}
