import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ActiveSession } from "../../sessions/sessions";
import { chooseSession } from "./session-choice";

const session = (id: string, email: string, authTime: number): ActiveSession =>
  ({ id, authTime, persistent: false, account: { email_normalized: email } }) as unknown as ActiveSession;
const camille = session("s1", "camille@outlook.fr", 1_000);
const leo = session("s2", "leo@outlook.fr", 2_000);
const base = { sid: undefined, prompt: undefined, loginHint: undefined, loginStarted: undefined };

describe("which session answers an authorize request", () => {
  it("uses the sid sent back by the login page only when it belongs to this browser", () => {
    assert.deepEqual(chooseSession({ ...base, sessions: [camille, leo], sid: "s2" }), {
      kind: "use",
      session: leo,
    });
    assert.equal(chooseSession({ ...base, sessions: [camille, leo], sid: "someone-elses" }).kind, "select");
    assert.equal(chooseSession({ ...base, sessions: [], sid: "s1" }).kind, "login");
  });

  it("with prompt=login, accepts only a sign-in made after the request started", () => {
    assert.equal(
      chooseSession({ ...base, sessions: [camille], sid: "s1", prompt: "login", loginStarted: 1_500 }).kind,
      "login",
    );
    assert.equal(
      chooseSession({ ...base, sessions: [leo], sid: "s2", prompt: "login", loginStarted: 1_500 }).kind,
      "use",
    );
    assert.equal(chooseSession({ ...base, sessions: [camille], prompt: "login" }).kind, "login");
  });

  it("with prompt=none, never shows a page", () => {
    assert.equal(chooseSession({ ...base, sessions: [], prompt: "none" }).kind, "login_required");
    assert.equal(chooseSession({ ...base, sessions: [camille], prompt: "none" }).kind, "use");
    assert.equal(
      chooseSession({ ...base, sessions: [camille, leo], prompt: "none" }).kind,
      "interaction_required",
    );
    assert.equal(
      chooseSession({ ...base, sessions: [camille, leo], prompt: "none", loginHint: "leo@outlook.fr" }).kind,
      "use",
    );
  });

  it("follows login_hint, and asks which account when several are signed in", () => {
    assert.deepEqual(chooseSession({ ...base, sessions: [camille, leo], loginHint: "Camille@outlook.fr" }), {
      kind: "use",
      session: camille,
    });
    assert.equal(
      chooseSession({ ...base, sessions: [camille], loginHint: "other@outlook.fr" }).kind,
      "login",
    );
    assert.equal(chooseSession({ ...base, sessions: [camille, leo] }).kind, "select");
    assert.equal(chooseSession({ ...base, sessions: [camille], prompt: "select_account" }).kind, "select");
  });
});
