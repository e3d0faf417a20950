/**
 * The portal's server process: `node dist/portal.js` (built) or `tsx packages/portal/src/serve.ts`.
 * `--seed` loads the demo firm (development only). Prints `portal ready at …` once listening.
 */
import { commonRefusals, refuseUnsafeProduction } from "@sesame/kit/config/production-refusals";
import { runServiceProcess } from "@sesame/kit/service/service-process";
import { seedPortalDemo } from "./demo/portal-demo";
import { startPortal } from "./main";
import { DEMO_CLIENT_SECRET, loadPortalConfig } from "./service/portal-config";

await runServiceProcess(async () => {
  const seed = process.argv.includes("--seed");
  const config = loadPortalConfig();
  refuseUnsafeProduction(config, [
    ...commonRefusals(config, { seed }),
    {
      when: config.SESAME_CLIENT_SECRET === DEMO_CLIENT_SECRET,
      line: "SESAME_CLIENT_SECRET: the demo secret is public; register a secret of your own (sesame app secret add)",
    },
  ]);
  const portal = await startPortal(config);
  if (seed) await seedPortalDemo(portal.ctx);
  return { lines: [`portal ready at ${portal.url}`], close: portal.close };
});
