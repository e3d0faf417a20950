/**
 * `npm start`: identity (with the embedded SMTP sink), then the portal, on HTTPS with the local CA,
 * with demo data. Prints one "ready at" line per service, the demo accounts and how to trust the CA.
 */

import { loadIdentityConfig } from "@sesame/identity/config";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { startIdentity } from "@sesame/identity/main";
import { ConfigError } from "@sesame/kit/config/load-config";
import { loadPortalConfig } from "@sesame/portal/config";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { startPortal } from "@sesame/portal/main";

async function main(): Promise<void> {
  const identityConfig = loadIdentityConfig();
  const portalConfig = loadPortalConfig();
  const identity = await startIdentity(identityConfig);
  const demo = await seedIdentityDemo(identity.ctx);
  const portal = await startPortal(portalConfig, { smtpSinkPort: identity.smtpSinkPort });
  const portalDemo = await seedPortalDemo(portal.ctx);

  const lines = [
    `identity ready at ${identity.url}`,
    `portal ready at ${portal.url}`,
    identity.smtpSinkPort === undefined
      ? `mail goes to ${identityConfig.SMTP_URL}`
      : `mail sink ready at smtp://127.0.0.1:${identity.smtpSinkPort} (read it at ${identity.url}/_dev/mail)`,
    `local certificate authority: ${identity.caFile}`,
    `  trust it in Node.js clients with NODE_EXTRA_CA_CERTS=${identity.caFile}`,
    "  and in your browser by importing that file as a trusted authority",
    "demo accounts:",
    ...demo.map((a) => `  ${a.label}: ${a.email} / ${a.password}`),
    ...portalDemo.map((line) => `${line.label}: ${line.value}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await portal.close();
    await identity.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Sésame could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
