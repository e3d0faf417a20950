import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchRedirectUri, redirectUriProblem } from "./redirect-uri-rules";

const registered = [
  { uri: "https://app.example/signin-oidc", kind: "web" },
  { uri: "http://localhost", kind: "public" },
  { uri: "http://127.0.0.1:3000/callback", kind: "public" },
];

describe("redirect URI matching", () => {
  it("matches a registered URI exactly", () => {
    assert.equal(matchRedirectUri(registered, "https://app.example/signin-oidc")?.kind, "web");
  });

  it("ignores the port of a loopback URI, as Entra does, and answers on the requested port", () => {
    assert.deepEqual(matchRedirectUri(registered, "http://localhost:53124"), {
      uri: "http://localhost:53124",
      kind: "public",
    });
    assert.deepEqual(matchRedirectUri(registered, "http://127.0.0.1:61000/callback"), {
      uri: "http://127.0.0.1:61000/callback",
      kind: "public",
    });
    assert.equal(matchRedirectUri(registered, "http://127.0.0.1/callback")?.kind, "public");
  });

  it("still requires the same scheme, host, path and query", () => {
    for (const uri of [
      "https://app.example:8443/signin-oidc",
      "https://app.example/signin-oidc/",
      "https://APP.example/signin-oidc?x=1",
      "https://localhost:53124",
      "http://localhost:53124/other",
      "http://127.0.0.1:53124",
      "http://localhost.evil.example:53124",
      "http://localhost:53124@evil.example/",
      "http://user:pass@localhost:53124",
      "http://localhost:53124/#fragment",
      "http://127.0.0.1:61000/callback?next=https://evil.example",
      "not a url",
    ])
      assert.equal(matchRedirectUri(registered, uri), undefined, uri);
  });
});

describe("redirect URI registration", () => {
  it("takes https, http on loopback, and custom schemes for public clients only", () => {
    assert.equal(redirectUriProblem("https://app.example/cb", "web"), undefined);
    assert.equal(redirectUriProblem("http://localhost:8080/cb", "web"), undefined);
    assert.equal(redirectUriProblem("msal1234://auth", "public"), undefined);
    assert.match(redirectUriProblem("http://app.example/cb", "web") ?? "", /https/);
    assert.match(redirectUriProblem("msal1234://auth", "spa") ?? "", /https/);
    assert.match(redirectUriProblem("https://app.example/cb#x", "web") ?? "", /fragment/);
    assert.match(redirectUriProblem("/relative", "web") ?? "", /absolute/);
  });
});
