/**
 * MSAL Node, unchanged, in its own process: started with NODE_EXTRA_CA_CERTS (Node reads it only at
 * start), so TLS to identity is verified against the local CA. One scenario per run, given as JSON in
 * argv[2]; it talks to the test over stdout/stdin, one JSON object per line.
 */
import readline from "node:readline";
import { ConfidentialClientApplication, PublicClientApplication } from "@azure/msal-node";
import { reportOutcome } from "./support/client-process";

interface Scenario {
  readonly kind: "client-secret" | "client-certificate" | "device-code" | "auth-code" | "interactive";
  readonly authority: string;
  readonly knownAuthority: string;
  readonly clientId: string;
  readonly scopes: string[];
  readonly clientSecret?: string;
  readonly certificate?: { thumbprintSha256: string; privateKey: string };
  readonly redirectUri?: string;
  /** auth-code: report the first tokens and wait for a message before refreshing. */
  readonly pauseBeforeRefresh?: boolean;
}

const scenario = JSON.parse(process.argv[2] ?? "{}") as Scenario;
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const hear = async () => JSON.parse(String((await lines.next()).value)) as Record<string, string>;

const auth = {
  clientId: scenario.clientId,
  authority: scenario.authority,
  knownAuthorities: [scenario.knownAuthority],
};

async function run() {
  switch (scenario.kind) {
    case "client-secret":
    case "client-certificate": {
      const app = new ConfidentialClientApplication({
        auth: {
          ...auth,
          ...(scenario.clientSecret ? { clientSecret: scenario.clientSecret } : {}),
          ...(scenario.certificate ? { clientCertificate: scenario.certificate } : {}),
        },
      });
      const result = await app.acquireTokenByClientCredential({ scopes: scenario.scopes });
      return { accessToken: result?.accessToken, expiresOn: result?.expiresOn };
    }
    case "device-code": {
      const app = new PublicClientApplication({ auth });
      const result = await app.acquireTokenByDeviceCode({
        scopes: scenario.scopes,
        deviceCodeCallback: (response) =>
          say({ userCode: response.userCode, verificationUri: response.verificationUri }),
      });
      return {
        accessToken: result?.accessToken,
        idToken: result?.idToken,
        username: result?.account?.username,
      };
    }
    case "interactive": {
      // MSAL listens on http://localhost:<ephemeral port> and hands the authorize URL to a browser.
      const app = new PublicClientApplication({ auth });
      const result = await app.acquireTokenInteractive({
        scopes: scenario.scopes,
        openBrowser: async (url) => {
          say({ authorizeUrl: url });
        },
        successTemplate: "Sésame: signed in, you can close this window.",
      });
      return {
        accessToken: result?.accessToken,
        idToken: result?.idToken,
        username: result?.account?.username,
      };
    }
    case "auth-code": {
      const app = new ConfidentialClientApplication({
        auth: { ...auth, clientSecret: scenario.clientSecret ?? "" },
      });
      const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
      const url = await app.getAuthCodeUrl({
        scopes: scenario.scopes,
        redirectUri: scenario.redirectUri ?? "",
        codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        codeChallengeMethod: "S256",
        state: "msal-state",
      });
      say({ authorizeUrl: url });
      const { code } = await hear();
      const first = await app.acquireTokenByCode({
        code: code ?? "",
        scopes: scenario.scopes,
        redirectUri: scenario.redirectUri ?? "",
        codeVerifier: verifier,
      });
      const account = first.account;
      if (!account) throw new Error("no account in the code result");
      if (scenario.pauseBeforeRefresh) {
        say({ idToken: first.idToken, accessToken: first.accessToken });
        await hear();
      }
      const silent = await app.acquireTokenSilent({ account, scopes: scenario.scopes, forceRefresh: true });
      return {
        accessToken: first.accessToken,
        idToken: first.idToken,
        homeAccountId: account.homeAccountId,
        username: account.username,
        refreshedAccessToken: silent.accessToken,
        refreshedFromCache: silent.fromCache,
      };
    }
  }
}

reportOutcome(run);
