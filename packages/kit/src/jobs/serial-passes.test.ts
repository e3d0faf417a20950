import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serialPasses } from "./serial-passes";

/** A pass that waits to be released, and the work it saw when it started. */
function gatedPasses() {
  const queue: string[] = [];
  const seen: string[][] = [];
  const gates: (() => void)[] = [];
  const passes = serialPasses(async () => {
    const taken = queue.splice(0);
    seen.push(taken);
    await new Promise<void>((resolve) => gates.push(resolve));
    return taken.length;
  });
  const releaseNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
  };
  return { queue, seen, passes, releaseNext };
}

describe("passes over pending work", () => {
  it("runs a follow-up pass for work queued while a pass was running, instead of dropping the request", async () => {
    const { queue, seen, passes, releaseNext } = gatedPasses();
    queue.push("first mail");
    const first = passes.run();
    queue.push("second mail");
    const second = passes.run();
    await releaseNext();
    assert.equal(await first, 1);
    await releaseNext();
    assert.equal(await second, 1);
    assert.deepEqual(seen, [["first mail"], ["second mail"]]);
  });

  it("gives every request made during one pass the same single follow-up", async () => {
    const { queue, seen, passes, releaseNext } = gatedPasses();
    const first = passes.run();
    queue.push("a", "b", "c");
    const followUps = [passes.run(), passes.run(), passes.run()];
    assert.equal(followUps[0], followUps[2]);
    await releaseNext();
    await first;
    await releaseNext();
    assert.deepEqual(await Promise.all(followUps), [3, 3, 3]);
    const idle = passes.idle();
    await idle;
    assert.deepEqual(seen, [[], ["a", "b", "c"]]);
  });

  it("is idle once the running pass and its follow-up are over", async () => {
    const { passes, releaseNext } = gatedPasses();
    void passes.run();
    void passes.run();
    let idle = false;
    const waiting = passes.idle().then(() => {
      idle = true;
    });
    await releaseNext();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(idle, false, "the follow-up pass is still due");
    await releaseNext();
    await waiting;
    assert.equal(idle, true);
  });
});
