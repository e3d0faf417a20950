/**
 * Compares the edges on a cycle today with a committed baseline of the cycles that existed when the
 * check was introduced: a new edge on a cycle fails, an edge that left every cycle may be pruned.
 * `--prune` rewrites the baseline without the edges that left (it never adds one); a missing baseline
 * is written once, from today's graph.
 */
import fs from "node:fs";
import { type Graph, parseEdgeKey, shortestCycleThrough, tangles } from "./cyclic-edges";

interface CycleReport {
  /** Edges on a cycle that the baseline does not list: each one is a new cycle. */
  added: string[];
  /** Baseline edges that no longer lie on any cycle. */
  removed: string[];
}

function readBaseline(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, "utf8")) as string[];
}

function writeBaseline(file: string, edges: string[]): void {
  fs.writeFileSync(file, `${JSON.stringify([...edges].sort(), null, 2)}\n`);
}

function compareWithBaseline(current: string[], baseline: string[]): CycleReport {
  const known = new Set(baseline);
  const now = new Set(current);
  return {
    added: current.filter((edge) => !known.has(edge)),
    removed: baseline.filter((edge) => !now.has(edge)),
  };
}

/** One shortest cycle per edge, each cycle printed once. */
function describeCycles(graph: Graph, edges: string[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const edge of edges) {
    const { from, to } = parseEdgeKey(edge);
    const cycle = shortestCycleThrough(graph, from, to);
    const key = [...cycle.slice(1)].sort().join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(cycle.join(" → "));
  }
  return lines;
}

/** Prints the outcome and sets the exit code; `--prune` shrinks the baseline. */
export function reportCycles(options: {
  level: string;
  baselineFile: string;
  graph: Graph;
  current: string[];
  listAll: boolean;
  showTangles: boolean;
}): void {
  const { level, baselineFile, graph, current, listAll, showTangles } = options;
  if (!fs.existsSync(baselineFile)) {
    writeBaseline(baselineFile, current);
    console.log(`${level} cycles: wrote the first baseline, ${current.length} edges, to ${baselineFile}.`);
  }
  const baseline = readBaseline(baselineFile);
  const { added, removed } = compareWithBaseline(current, baseline);
  console.log(`${level} cycles: ${current.length} edges on a cycle (baseline ${baseline.length}).`);
  if (showTangles) {
    for (const group of tangles(graph))
      console.log(`  ${group.length} ${level}s reach each other: ${group.join(", ")}`);
  }
  if (listAll) for (const line of describeCycles(graph, current)) console.log(`  ${line}`);
  if (removed.length > 0) {
    if (process.argv.includes("--prune")) {
      writeBaseline(
        baselineFile,
        baseline.filter((edge) => !removed.includes(edge)),
      );
      console.log(`  pruned ${removed.length} edges that left every cycle from ${baselineFile}.`);
    } else {
      console.log(
        `  ${removed.length} baseline edges left every cycle: \`--prune\` removes them from ${baselineFile}.`,
      );
    }
  }
  if (added.length === 0) return;
  console.error(`✘ ${added.length} new ${level} dependencies on a cycle (not in ${baselineFile}):`);
  for (const line of describeCycles(graph, added)) console.error(`  ${line}`);
  process.exitCode = 1;
}
