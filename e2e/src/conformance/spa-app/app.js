// A single-page app as its developers write it: msal-browser's published bundle (global `msal`)
// and configuration only. The test drives it through `window.spa`.
const config = await (await fetch("/config.json")).json();

const pca = new msal.PublicClientApplication({
  auth: {
    clientId: config.clientId,
    authority: config.authority,
    knownAuthorities: config.knownAuthorities,
    redirectUri: config.redirectUri,
    postLogoutRedirectUri: config.postLogoutRedirectUri,
  },
  cache: { cacheLocation: "sessionStorage" },
});

/** What the test needs of a result, as plain JSON. */
const summary = (result) =>
  result && {
    username: result.account?.username,
    homeAccountId: result.account?.homeAccountId,
    tenantId: result.tenantId,
    scopes: result.scopes,
    accessToken: result.accessToken,
    idToken: result.idToken,
    fromCache: result.fromCache,
    expiresOn: result.expiresOn?.toISOString(),
  };

/** An error as the app sees it: its class and MSAL's codes. */
const failure = (error) => ({
  error: {
    name: error?.name,
    interactionRequired: error instanceof msal.InteractionRequiredAuthError,
    errorCode: error?.errorCode,
    subError: error?.subError,
    message: String(error?.message ?? error),
  },
});

const run = async (action) => {
  try {
    return { result: summary(await action()) };
  } catch (error) {
    return failure(error);
  }
};

const account = () => pca.getAllAccounts()[0];

window.spa = {
  run,
  account,
  loginRedirect: (scopes) => pca.loginRedirect({ scopes }),
  loginPopup: (scopes) => run(() => pca.loginPopup({ scopes })),
  acquireTokenSilent: (scopes, forceRefresh = false) =>
    run(() => pca.acquireTokenSilent({ scopes, account: account(), forceRefresh })),
  acquireTokenPopup: (scopes) => run(() => pca.acquireTokenPopup({ scopes, account: account() })),
  ssoSilent: (scopes, loginHint) => run(() => pca.ssoSilent({ scopes, loginHint })),
  logoutRedirect: () => pca.logoutRedirect({ account: account() }),
  async me(accessToken) {
    const response = await fetch(config.graph, { headers: { authorization: `Bearer ${accessToken}` } });
    return { status: response.status, body: await response.json() };
  },
};

try {
  await pca.initialize();
  window.spa.redirectResult = await run(() => pca.handleRedirectPromise());
} catch (error) {
  window.spa.redirectResult = failure(error);
}
window.spa.ready = true;
document.getElementById("status").textContent = "ready";
