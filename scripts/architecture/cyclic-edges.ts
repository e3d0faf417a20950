/**
 * Which edges of a directed graph lie on a cycle, and one shortest cycle through each.
 * An edge a → b is on a cycle exactly when a and b are in the same strongly connected component,
 * so a baseline of such edges can only be left by removing imports, never by moving a cycle around.
 */

export type Graph = Map<string, Set<string>>;

export function graphOf(edges: Iterable<{ from: string; to: string }>): Graph {
  const graph: Graph = new Map();
  for (const { from, to } of edges) {
    if (from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    if (!graph.has(to)) graph.set(to, new Set());
    graph.get(from)?.add(to);
  }
  return graph;
}

/** Tarjan's algorithm, iterative so that a deep import chain cannot overflow the stack. */
function components(graph: Graph): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let componentCount = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (graph.get(node) ?? new Set()).values() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string | undefined;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, componentCount);
        } while (member !== frame.node);
        componentCount += 1;
      }
    }
  }
  return component;
}

/** The groups of nodes that reach each other (components of more than one node), largest first. */
export function tangles(graph: Graph): string[][] {
  const groups = new Map<number, string[]>();
  for (const [node, component] of components(graph))
    groups.set(component, [...(groups.get(component) ?? []), node]);
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => group.sort())
    .sort((a, b) => b.length - a.length);
}

/** Every edge on a cycle, as "from -> to", sorted. */
export function cyclicEdges(graph: Graph): string[] {
  const component = components(graph);
  const edges: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) if (component.get(from) === component.get(to)) edges.push(edgeKey(from, to));
  }
  return edges.sort();
}

function edgeKey(from: string, to: string): string {
  return `${from} -> ${to}`;
}

export function parseEdgeKey(key: string): { from: string; to: string } {
  const [from = "", to = ""] = key.split(" -> ");
  return { from, to };
}

/** The shortest cycle through the edge from → to: [from, to, …, from]. */
export function shortestCycleThrough(graph: Graph, from: string, to: string): string[] {
  const previous = new Map<string, string>([[to, to]]);
  const queue = [to];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === from) break;
    for (const next of graph.get(node) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  if (!previous.has(from)) return [];
  const back: string[] = [];
  for (let node = from; node !== to; node = previous.get(node)!) back.unshift(node);
  return [from, to, ...back];
}
