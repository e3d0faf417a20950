import { z } from "zod";

const optionalText = z.string().trim().min(1).optional();

/** Settings of the documents feature (see README, "Documents"). */
export const documentConfigShape = {
  /** Largest file accepted, in megabytes (tus and form uploads alike). */
  SESAME_UPLOAD_MAX_MB: z.coerce
    .number({ message: "must be a number of megabytes" })
    .int("must be a whole number of megabytes")
    .min(1, "must be between 1 and 10240 MB")
    .max(10240, "must be between 1 and 10240 MB")
    .default(200),
  /** Set: documents go to this S3-compatible bucket; unset: files under SESAME_DATA_DIR/documents. */
  SESAME_S3_BUCKET: optionalText,
  /** An S3-compatible endpoint (MinIO, Scaleway, OVH…); unset: AWS itself. */
  SESAME_S3_ENDPOINT: z.string().url("must be an http(s):// URL").optional(),
  SESAME_S3_REGION: z.string().trim().min(1).default("eu-west-3"),
  SESAME_S3_ACCESS_KEY_ID: optionalText,
  SESAME_S3_SECRET_ACCESS_KEY: optionalText,
  /** ClamAV daemon, tcp://host:3310: every file is scanned before it becomes visible. */
  CLAMAV_URL: z
    .string()
    .regex(/^tcp:\/\/[^:/]+:\d+$/, "must be tcp://host:port")
    .optional(),
};
