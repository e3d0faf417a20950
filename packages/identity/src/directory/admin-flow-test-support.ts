import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { TestTarget } from "@sesame/kit/db/test-databases";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "../oauth/testing/code-flow";
import { fastArgon2 } from "../tenants/directory-test-support";
import type { IdentityHarness } from "../testing/identity-harness";

// Cabinet YPN of the demo: its members may consent to applications themselves.
export const member = { email: "claire.lefevre@ypn-expertise.fr", password: "Bilan-Annuel-2024" };
export const admin = { email: "yves.prigent@ypn-expertise.fr", password: "Cabinet-Associe-31" };

export const sidOf = (body: string) => /name="sid" value="([^"]+)"/.exec(body)?.[1] ?? "";

/**
 * Identity with the demo data and a test app, started before the suite's tests and closed after
 * them (call it inside `describe`): the harness, and the app's code flow.
 */
export function demoCodeFlow(target: TestTarget) {
  let h: IdentityHarness | undefined;
  let client: TestClient | undefined;
  before(async () => {
    ({ h, client } = await startCodeFlow(target, fastArgon2));
  });
  after(() => h?.close());
  const harness = () => {
    assert.ok(h && client, "identity started");
    return { h, client };
  };
  return { harness: () => harness().h, flow: codeFlowHelpers(harness) };
}
