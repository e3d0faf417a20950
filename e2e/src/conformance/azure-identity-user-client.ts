/**
 * @azure/identity, unchanged, in its own process started with NODE_EXTRA_CA_CERTS (how identity says
 * to trust its CA). One scenario per run, as JSON in argv[2]; JSON lines to the test on stdout.
 * Configuration only: tenantId, clientId, authorityHost and disableInstanceDiscovery.
 */
import { DeviceCodeCredential, UsernamePasswordCredential } from "@azure/identity";

interface Scenario {
  readonly kind: "username-password" | "device-code";
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly username?: string;
  readonly password?: string;
}

const scenario = JSON.parse(process.argv[2] ?? "{}") as Scenario;
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
const options = { authorityHost: scenario.authorityHost, disableInstanceDiscovery: true };

async function run() {
  const credential =
    scenario.kind === "username-password"
      ? new UsernamePasswordCredential(
          scenario.tenantId,
          scenario.clientId,
          scenario.username ?? "",
          scenario.password ?? "",
          options,
        )
      : new DeviceCodeCredential({
          ...options,
          tenantId: scenario.tenantId,
          clientId: scenario.clientId,
          userPromptCallback: (info) => say({ prompt: info }),
        });
  const first = await credential.getToken(scenario.scope);
  // A second call needs no user: the credential's cache answers (refreshing silently if it must).
  const again = await credential.getToken(scenario.scope);
  return { token: first.token, again: again.token };
}

try {
  say({ result: await run() });
} catch (error) {
  const e = error as Error;
  say({ error: { name: e.name, message: e.message } });
}
