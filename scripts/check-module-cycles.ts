/**
 * Fails when a module imports itself through others in a way the baseline
 * (scripts/architecture/module-cycles-baseline.json, today's cycles) does not list. Tests and
 * harnesses are left out. `--list` prints a shortest cycle through every edge on a cycle;
 * `--prune` drops baseline edges that left every cycle.
 *
 * Why not dependency-cruiser's `--ignore-known`: it identifies a known cycle by its full path, so
 * removing one import of a known cycle makes it report the same edge's other, older cycle as new.
 */

import { reportCycles } from "./architecture/cycle-baseline";
import { cyclicEdges, graphOf } from "./architecture/cyclic-edges";
import { productionImports } from "./architecture/import-graph";

const imports = await productionImports();
const graph = graphOf(imports);
reportCycles({
  level: "module",
  baselineFile: "scripts/architecture/module-cycles-baseline.json",
  graph,
  current: cyclicEdges(graph),
  listAll: process.argv.includes("--list"),
  showTangles: false,
});
