import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@sesame/kit/testing/free-port";
import S3rver from "s3rver";

export interface TestS3 {
  readonly env: Record<string, string>;
  readonly bucketDir: string;
  close(): Promise<void>;
}

/** A local S3-compatible server (s3rver) with one bucket, and the portal settings that point at it. */
export async function startTestS3(): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-s3-"));
  const port = await freePort();
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: "documents", configs: [] }],
  });
  await server.run();
  return {
    bucketDir: path.join(directory, "documents"),
    env: {
      SESAME_S3_BUCKET: "documents",
      SESAME_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      SESAME_S3_REGION: "us-east-1",
      SESAME_S3_ACCESS_KEY_ID: "S3RVER",
      SESAME_S3_SECRET_ACCESS_KEY: "S3RVER",
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
