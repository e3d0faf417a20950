import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (through the DevTools protocol, so the page's CSP is untouched) and
 * fails with a readable list when any rule is violated.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const violations = await page.evaluate(async (source: string) => {
    // biome-ignore lint/security/noGlobalEval: axe-core must run inside the page under test.
    const globalEval = eval;
    globalEval(source);
    const axe = (
      window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, axeSource);
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  assert.deepEqual(summary, [], `axe-core violations on ${label} (${page.url()})`);
}
