import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import type { FastifyInstance } from "fastify";
import { loadIdentityConfig } from "../config";
import { type RunningIdentity, startIdentity } from "../main";

export interface IdentityHarness {
  readonly identity: RunningIdentity;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * A complete identity service for one test file: its own data directory and fresh database on the
 * given storage target, its own embedded SMTP sink on a free port. `listen` starts real HTTPS.
 */
export async function startTestIdentity(
  target: TestTarget,
  options: { listen?: boolean; env?: Record<string, string> } = {},
): Promise<IdentityHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-identity-"));
  const config = loadIdentityConfig({
    SESAME_DATA_DIR: dataDir,
    DATABASE_URL: await target.freshUrl(),
    SESAME_IDENTITY_PORT: "0",
    SESAME_SMTP_SINK_PORT: "0",
    SESAME_LOG_LEVEL: "silent",
    // Tests read mailed codes as `npm start`'s user does: in the development mailbox.
    SESAME_DEV_MAILBOX: "1",
    ...options.env,
  });
  const identity = await startIdentity(config, { listen: options.listen ?? false });
  return {
    identity,
    app: identity.app,
    async close() {
      await identity.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { Browser } from "@sesame/kit/testing/browser";
