/**
 * The portal's server process: `node dist/portal.js` (built) or `tsx packages/portal/src/serve.ts`.
 * `--seed` loads the demo firm (development only). Prints `portal ready at …` once listening.
 */
import { runServer } from "@sesame/kit/service/service-process";
import { seedPortalDemo } from "./demo/portal-demo";
import { startPortal } from "./main";
import { DEMO_CLIENT_SECRET, loadPortalConfig } from "./service/portal-config";

await runServer({
  service: "portal",
  loadConfig: () => loadPortalConfig(),
  refusals: (config) => [
    {
      when: config.SESAME_CLIENT_SECRET === DEMO_CLIENT_SECRET,
      line: "SESAME_CLIENT_SECRET: the demo secret is public; register a secret of your own (sesame app secret add)",
    },
  ],
  start: (config) => startPortal(config),
  seed: (portal) => seedPortalDemo(portal.ctx),
});
