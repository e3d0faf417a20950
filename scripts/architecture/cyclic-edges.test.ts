import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cyclicEdges, graphOf, shortestCycleThrough, tangles } from "./cyclic-edges";
import { featureFolder } from "./feature-folders";

const edges = (...pairs: [string, string][]) => pairs.map(([from, to]) => ({ from, to }));

describe("edges on a cycle", () => {
  it("lists exactly the edges whose target leads back to their source", () => {
    const graph = graphOf(edges(["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"], ["d", "e"]));
    assert.deepEqual(cyclicEdges(graph), ["a -> b", "b -> c", "c -> a"]);
    assert.deepEqual(tangles(graph), [["a", "b", "c"]]);
  });

  it("never reports an old edge as new when an import is removed", () => {
    // Two cycles share b → c; removing c → a leaves the other one, which was already on the list.
    const before = edges(["a", "b"], ["b", "c"], ["c", "a"], ["c", "b"]);
    const after = before.filter(({ from, to }) => !(from === "c" && to === "a"));
    const known = new Set(cyclicEdges(graphOf(before)));
    assert.deepEqual(
      cyclicEdges(graphOf(after)).filter((edge) => !known.has(edge)),
      [],
    );
  });

  it("reports a new import that closes a cycle", () => {
    const before = edges(["a", "b"], ["b", "c"]);
    const known = new Set(cyclicEdges(graphOf(before)));
    const graph = graphOf([...before, { from: "c", to: "a" }]);
    assert.deepEqual(
      cyclicEdges(graph).filter((edge) => !known.has(edge)),
      ["a -> b", "b -> c", "c -> a"],
    );
    assert.deepEqual(shortestCycleThrough(graph, "c", "a"), ["c", "a", "b", "c"]);
  });
});

describe("feature folders", () => {
  it("collapses a module to its service and first folder, a file in src/ to itself", () => {
    assert.equal(
      featureFolder("packages/identity/src/oauth/authorize/authorize-routes.ts"),
      "identity/oauth",
    );
    assert.equal(featureFolder("packages/portal/src/context.ts"), "portal/context.ts");
  });
});
