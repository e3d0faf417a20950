import assert from "node:assert/strict";
import { after, test } from "node:test";
import { openSqliteAdapter } from "./sqlite-adapter";

// oidc-provider's adapter contract, as its development adapter keeps it: the durable peer of the
// code bench must answer exactly as the in-memory one does, or oidc-provider refuses its tokens.
const store = openSqliteAdapter();
after(() => store.close());

test("a stored entry is found again, and an upsert replaces it", async () => {
  const codes = new store.adapter("AuthorizationCode");
  await codes.upsert("c1", { grantId: "g1", scope: "openid" }, 60);
  assert.deepEqual(await codes.find("c1"), { grantId: "g1", scope: "openid" });
  await codes.upsert("c1", { grantId: "g1", scope: "openid profile" }, 60);
  assert.deepEqual(await codes.find("c1"), { grantId: "g1", scope: "openid profile" });
  // Models do not share ids.
  assert.equal(await new store.adapter("RefreshToken").find("c1"), undefined);
});

test("consume marks the entry with the time it was consumed, in seconds", async () => {
  const tokens = new store.adapter("RefreshToken");
  await tokens.upsert("r1", { grantId: "g2" }, 60);
  const before = Math.floor(Date.now() / 1000);
  await tokens.consume("r1");
  const consumed = (await tokens.find("r1"))?.consumed;
  assert.equal(typeof consumed, "number");
  assert.ok((consumed as number) >= before && (consumed as number) <= before + 1);
});

test("an upsert replaces a consumed entry whole, as the development adapter's does", async () => {
  const tokens = new store.adapter("RefreshToken");
  await tokens.upsert("r4", { grantId: "g6" }, 60);
  await tokens.consume("r4");
  await tokens.upsert("r4", { grantId: "g6", scope: "openid" }, 60);
  assert.deepEqual(await tokens.find("r4"), { grantId: "g6", scope: "openid" });
});

test("an expired entry is not found; one stored without expiry stays", async () => {
  const grants = new store.adapter("Grant");
  await grants.upsert("expired", { accountId: "a" }, -1);
  await grants.upsert("kept", { accountId: "a" });
  assert.equal(await grants.find("expired"), undefined);
  assert.deepEqual(await grants.find("kept"), { accountId: "a" });
});

test("sessions are found by uid, device codes by user code", async () => {
  const sessions = new store.adapter("Session");
  await sessions.upsert("s1", { uid: "u1", accountId: "a" }, 60);
  assert.deepEqual(await sessions.findByUid("u1"), { uid: "u1", accountId: "a" });
  assert.equal(await sessions.findByUid("u2"), undefined);
  const devices = new store.adapter("DeviceCode");
  await devices.upsert("d1", { userCode: "ABCD-EFGH", grantId: "g3" }, 60);
  assert.deepEqual(await devices.findByUserCode("ABCD-EFGH"), { userCode: "ABCD-EFGH", grantId: "g3" });
});

test("destroy removes one entry; revokeByGrantId every token of the grant, and nothing else", async () => {
  const codes = new store.adapter("AuthorizationCode");
  const tokens = new store.adapter("RefreshToken");
  await codes.upsert("c2", { grantId: "g4" }, 60);
  await tokens.upsert("r2", { grantId: "g4" }, 60);
  await tokens.upsert("r3", { grantId: "g5" }, 60);
  await codes.destroy("c2");
  assert.equal(await codes.find("c2"), undefined);
  await codes.upsert("c3", { grantId: "g4" }, 60);
  await tokens.revokeByGrantId("g4");
  assert.equal(await codes.find("c3"), undefined);
  assert.equal(await tokens.find("r2"), undefined);
  assert.deepEqual(await tokens.find("r3"), { grantId: "g5" });
});
