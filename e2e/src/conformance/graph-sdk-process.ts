/**
 * The Microsoft Graph JavaScript SDK, unchanged, in its own process (see support/client-process.ts),
 * pointed at identity's Graph by configuration: `baseUrl` and `customHosts`. Application calls get
 * their token through @azure/identity's ClientSecretCredential and the SDK's own
 * TokenCredentialAuthenticationProvider; delegated calls use a token the test obtained by signing in.
 */
import { ClientSecretCredential } from "@azure/identity";
import { Client, GraphError, type PageCollection, PageIterator } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import { reportOutcome } from "../support/client-process";

interface Scenario {
  readonly identityUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** A delegated access token for Graph (User.Read), from a real sign-in. */
  readonly delegatedToken: string;
}

const scenario = JSON.parse(process.argv[2] ?? "{}") as Scenario;
const configuration = {
  baseUrl: scenario.identityUrl,
  customHosts: new Set([new URL(scenario.identityUrl).hostname]),
};

const application = Client.initWithMiddleware({
  ...configuration,
  authProvider: new TokenCredentialAuthenticationProvider(
    new ClientSecretCredential(scenario.tenantId, scenario.clientId, scenario.clientSecret, {
      authorityHost: scenario.identityUrl,
      disableInstanceDiscovery: true,
    }),
    { scopes: ["https://graph.microsoft.com/.default"] },
  ),
});
const withToken = (token: string) =>
  Client.init({ ...configuration, authProvider: (done) => done(null, token) });

/** What a GraphError tells its caller, or the value when the call succeeded. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await call() };
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    return { statusCode: error.statusCode, code: error.code, message: error.message };
  }
}

reportOutcome(async () => {
  const names: string[] = [];
  let pages = 0;
  const first = (await application.api("/users").select("id,displayName").top(2).get()) as PageCollection;
  const iterator = new PageIterator(application, first, (user: { displayName: string }) => {
    names.push(user.displayName);
    return true;
  });
  await iterator.iterate();
  pages = first["@odata.nextLink"] ? 2 : 1;
  const delegated = withToken(scenario.delegatedToken);
  return {
    me: await outcome(() => delegated.api("/me").select("displayName,userPrincipalName").get()),
    pagedNames: names,
    morePagesThanOne: pages > 1,
    filtered: await outcome(() =>
      application.api("/users").filter("displayName eq 'Chloé Dupont'").select("displayName,mail").get(),
    ),
    organization: await outcome(() => application.api("/organization").get()),
    unauthenticated: await outcome(() => withToken("not-a-token").api("/me").get()),
    forbidden: await outcome(() => delegated.api("/users").get()),
    missing: await outcome(() => application.api("/users/00000000-0000-4000-8000-000000000000").get()),
    unknownSegment: await outcome(() => application.api("/users/notASegment/nope").get()),
  };
});
