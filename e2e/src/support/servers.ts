import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadIdentityConfig } from "@sesame/identity/config";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { type RunningIdentity, startIdentity } from "@sesame/identity/main";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { loadPortalConfig } from "@sesame/portal/config";
import { type RunningPortal, startPortal } from "@sesame/portal/main";

export interface Stack {
  readonly identity: RunningIdentity;
  readonly portal: RunningPortal | undefined;
  /** PEM of the server certificate both services present (for the browser's pin). */
  readonly serverCert: string;
  close(): Promise<void>;
}

/**
 * identity (and optionally the portal) on real HTTPS on free ports, with one data directory (one
 * local CA), fresh databases on the given storage target, the embedded SMTP sink and demo data.
 */
export async function startStack(target: TestTarget, options: { portal?: boolean } = {}): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-e2e-"));
  const common = { SESAME_DATA_DIR: dataDir, SESAME_LOG_LEVEL: process.env.SESAME_LOG_LEVEL ?? "silent" };
  const identity = await startIdentity(
    loadIdentityConfig({
      ...common,
      DATABASE_URL: await target.freshUrl(),
      SESAME_IDENTITY_PORT: "0",
      SESAME_SMTP_SINK_PORT: "0",
      SESAME_DEV_MAILBOX: "1",
    }),
  );
  await seedIdentityDemo(identity.ctx);
  let portal: RunningPortal | undefined;
  if (options.portal) {
    portal = await startPortal(
      loadPortalConfig({
        ...common,
        DATABASE_URL: await target.freshUrl(),
        SESAME_PORTAL_PORT: "0",
        SESAME_IDENTITY_AUTHORITY: identity.url,
      }),
      { smtpSinkPort: identity.smtpSinkPort },
    );
  }
  return {
    identity,
    portal,
    serverCert: fs.readFileSync(path.join(dataDir, "tls", "server.pem"), "utf8"),
    async close() {
      await portal?.close();
      await identity.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The newest mail sent to `to`, as the dev mailbox JSON returns it; waits for delivery. */
export async function latestMail(
  identity: RunningIdentity,
  to: string,
  options: { subject?: RegExp; timeoutMs?: number } = {},
): Promise<{ subject: string; text: string; html: string }> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    identity.ctx.mailQueued();
    const response = await identity.app.inject({
      method: "GET",
      url: `/_dev/mail?to=${encodeURIComponent(to)}`,
      headers: { accept: "application/json" },
    });
    const messages = response.json() as { subject: string; text: string; html: string }[];
    const match = messages.find((m) => !options.subject || options.subject.test(m.subject));
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no mail for ${to} within the time allowed`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
