/**
 * @azure/identity, unchanged, in its own process (see support/client-process.ts). Each credential is
 * configured only as its documentation says for a non-public cloud: `authorityHost` and
 * `disableInstanceDiscovery`. InteractiveBrowserCredential opens "the system browser" with the `open`
 * package, which on Linux honours $BROWSER: the test points it at a script that hands the URL over.
 */
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  InteractiveBrowserCredential,
  type TokenCredential,
} from "@azure/identity";
import { reportOutcome } from "../support/client-process";

interface Scenario {
  readonly kind: "client-secret" | "client-certificate" | "interactive-browser";
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly scopes: string[];
  readonly clientSecret?: string;
  /** A PEM file holding the certificate and its private key. */
  readonly certificatePath?: string;
}

const scenario = JSON.parse(process.argv[2] ?? "{}") as Scenario;
const options = { authorityHost: scenario.authorityHost, disableInstanceDiscovery: true };

function credential(): TokenCredential {
  switch (scenario.kind) {
    case "client-secret":
      return new ClientSecretCredential(
        scenario.tenantId,
        scenario.clientId,
        scenario.clientSecret ?? "",
        options,
      );
    case "client-certificate":
      return new ClientCertificateCredential(
        scenario.tenantId,
        scenario.clientId,
        { certificatePath: scenario.certificatePath ?? "" },
        options,
      );
    case "interactive-browser":
      return new InteractiveBrowserCredential({
        ...options,
        tenantId: scenario.tenantId,
        clientId: scenario.clientId,
        redirectUri: "http://localhost",
        browserCustomizationOptions: { successMessage: "Sésame: signed in, you can close this window." },
      });
  }
}

reportOutcome(async () => {
  const token = await credential().getToken(scenario.scopes);
  return { accessToken: token?.token, expiresOnTimestamp: token?.expiresOnTimestamp };
});
