/**
 * `npm start`: identity (with the embedded SMTP sink), then the portal, on HTTPS with the local CA,
 * with demo data. Prints one "ready at" line per service, the demo accounts and how to trust the CA.
 */

import { loadIdentityConfig } from "@sesame/identity/config";
import { seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { startIdentity } from "@sesame/identity/main";
import { runServiceProcess } from "@sesame/kit/service/service-process";
import { loadPortalConfig } from "@sesame/portal/config";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { startPortal } from "@sesame/portal/main";

await runServiceProcess(async () => {
  // The development mailbox is this command's: a server started any other way does not serve it.
  const identityConfig = loadIdentityConfig({ ...process.env, SESAME_DEV_MAILBOX: "1" });
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
  return {
    lines,
    async close() {
      await portal.close();
      await identity.close();
    },
  };
});
