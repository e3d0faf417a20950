import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadOnce } from "./load-once";

describe("loadOnce", () => {
  it("loads at the first call only, every concurrent caller sharing that one load", async () => {
    let loads = 0;
    const load = loadOnce("answer", async () => {
      loads++;
      return { value: 42 };
    });
    assert.equal(loads, 0);
    const [a, b] = await Promise.all([load(), load()]);
    assert.equal(a, b);
    assert.equal((await load()).value, 42);
    assert.equal(loads, 1);
  });

  it("names the module in the error of a failed load, and tries again at the next call", async () => {
    let attempts = 0;
    const load = loadOnce("flaky-module", async () => {
      attempts++;
      if (attempts === 1) throw new Error("EMFILE");
      return "loaded";
    });
    await assert.rejects(load(), (error: Error) => {
      assert.equal(error.message, "could not load flaky-module");
      assert.equal((error.cause as Error).message, "EMFILE");
      return true;
    });
    assert.equal(await load(), "loaded");
    assert.equal(attempts, 2);
  });
});
