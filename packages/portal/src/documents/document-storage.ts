import path from "node:path";
import type { PortalConfig } from "../service/portal-config";
import type { BlobStore } from "./blob-store";
import { diskBlobStore } from "./disk-blob-store";
import { s3BlobStore } from "./s3-blob-store";

/** Where this portal keeps document bytes, and where uploads wait before they become documents. */
export interface DocumentStorage {
  readonly blobs: BlobStore;
  readonly stagingDir: string;
  readonly maxBytes: number;
}

const built = new WeakMap<PortalConfig, DocumentStorage>();

/** One storage per configuration: on disk by default, an S3 bucket when SESAME_S3_BUCKET is set. */
export function documentStorage(config: PortalConfig): DocumentStorage {
  const known = built.get(config);
  if (known) return known;
  const root = path.join(config.SESAME_DATA_DIR, "documents");
  const storage: DocumentStorage = {
    blobs: config.SESAME_S3_BUCKET
      ? s3BlobStore({
          bucket: config.SESAME_S3_BUCKET,
          endpoint: config.SESAME_S3_ENDPOINT,
          region: config.SESAME_S3_REGION,
          accessKeyId: config.SESAME_S3_ACCESS_KEY_ID,
          secretAccessKey: config.SESAME_S3_SECRET_ACCESS_KEY,
          forcePathStyle: config.SESAME_S3_ENDPOINT !== undefined,
        })
      : diskBlobStore(path.join(root, "blobs")),
    stagingDir: path.join(root, "staging"),
    maxBytes: config.SESAME_UPLOAD_MAX_MB * 1024 * 1024,
  };
  built.set(config, storage);
  return storage;
}
