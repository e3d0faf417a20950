/**
 * identity's server process: `node dist/identity.js` (built) or `tsx packages/identity/src/serve.ts`.
 * `--seed` loads the demo data (development only). Prints `identity ready at …` once listening.
 */
import { ConfigError } from "@sesame/kit/config/load-config";
import { runServer } from "@sesame/kit/service/service-process";
import { findAccountByEmail } from "./accounts/account-queries";
import { loadIdentityConfig } from "./config";
import type { IdentityContext } from "./context";
import { demoPersonalAccount, seedIdentityDemo } from "./demo/demo-data";
import { startIdentity } from "./main";

/** A production database holding the demo account was seeded by `npm start`: its password is public. */
async function refuseDemoData(ctx: IdentityContext): Promise<void> {
  if (ctx.config.SESAME_ENV !== "production") return;
  if (await findAccountByEmail(ctx.db, demoPersonalAccount.email)) {
    throw new ConfigError(
      [`demo data found (${demoPersonalAccount.email}): production runs on a database without it`],
      "Refused in production (SESAME_ENV=production)",
    );
  }
}

await runServer({
  service: "identity",
  loadConfig: () => loadIdentityConfig(),
  refusals: (config) => [
    {
      when: config.SESAME_KEY_ENCRYPTION_KEY === undefined,
      line: "SESAME_KEY_ENCRYPTION_KEY: required in production, the same on every instance (openssl rand -base64 32)",
    },
  ],
  start: (config) => startIdentity(config, { beforeListen: refuseDemoData }),
  seed: (identity) => seedIdentityDemo(identity.ctx),
});
