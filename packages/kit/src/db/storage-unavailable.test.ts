import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isStorageUnavailable } from "./storage-unavailable";

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("a database outage is told from a bad query", () => {
  it("connection refused, cut connections and shutdowns are outages", () => {
    assert.ok(isStorageUnavailable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")));
    assert.ok(isStorageUnavailable(withCode("terminating connection due to administrator command", "57P01")));
    assert.ok(isStorageUnavailable(withCode("the database system is starting up", "57P03")));
    assert.ok(isStorageUnavailable(new Error("Connection terminated unexpectedly")));
    assert.ok(isStorageUnavailable(new Error("timeout exceeded when trying to connect")));
    assert.ok(isStorageUnavailable(new Error("wrapped", { cause: withCode("x", "08006") })));
  });

  it("an unreachable host, a client left broken by a cut, and a connection to every address refused", () => {
    assert.ok(isStorageUnavailable(withCode("connect EHOSTUNREACH 10.0.0.9:5432", "EHOSTUNREACH")));
    assert.ok(isStorageUnavailable(withCode("connect ENETUNREACH 10.0.0.9:5432", "ENETUNREACH")));
    assert.ok(isStorageUnavailable(new Error("Client was closed and is not queryable")));
    assert.ok(isStorageUnavailable(new Error("Query read timeout")));
    // Node tries each address of "localhost" and reports them together.
    const refused = [withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")];
    assert.ok(isStorageUnavailable(new AggregateError(refused, "")));
  });

  it("a constraint violation or a syntax error is not an outage", () => {
    assert.equal(isStorageUnavailable(withCode("duplicate key value", "23505")), false);
    assert.equal(isStorageUnavailable(withCode("syntax error", "42601")), false);
    assert.equal(
      isStorageUnavailable(withCode("UNIQUE constraint failed", "SQLITE_CONSTRAINT_UNIQUE")),
      false,
    );
    assert.equal(isStorageUnavailable("not an error"), false);
  });
});
