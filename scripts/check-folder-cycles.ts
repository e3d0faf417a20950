/**
 * Fails when a feature folder imports itself through other folders in a way the baseline
 * (scripts/architecture/folder-cycles-baseline.json, today's cycles) does not list.
 * Modules collapse to packages/<service>/src/<folder>; tests and harnesses are left out.
 * Prints the groups of folders that reach each other; `--list` prints a shortest cycle through every
 * folder edge on a cycle; `--prune` drops baseline edges that left every cycle.
 */

import { reportCycles } from "./architecture/cycle-baseline";
import { cyclicEdges, graphOf } from "./architecture/cyclic-edges";
import { featureFolder } from "./architecture/feature-folders";
import { productionImports } from "./architecture/import-graph";

const imports = await productionImports();
const graph = graphOf(imports.map(({ from, to }) => ({ from: featureFolder(from), to: featureFolder(to) })));
reportCycles({
  level: "folder",
  baselineFile: "scripts/architecture/folder-cycles-baseline.json",
  graph,
  current: cyclicEdges(graph),
  listAll: process.argv.includes("--list"),
  showTangles: true,
});
