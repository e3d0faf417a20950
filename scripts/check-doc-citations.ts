/**
 * Fails when a source file cites a section of docs/ that does not exist: code comments point at
 * `docs/<file>.md#<anchor>`, and each anchor is an `<a id="…">` in that file, so a renamed or removed
 * section cannot leave citations pointing nowhere. Also refuses citations of files outside the
 * repository ("PRODUCT.md §n", "reference §n"), which a future maintainer will not have.
 */
import fs from "node:fs";
import path from "node:path";

const roots = ["packages", "e2e", "bench", "scripts"];
const citation = /docs\/([a-z-]+\.md)#([a-z0-9-]+)((?:, #[a-z0-9-]+)*)/g;
const outsideRepository = /PRODUCT\.md|reference §|microsoft-facts\.md/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const anchorsOf = new Map<string, Set<string>>();
function anchors(doc: string): Set<string> {
  const known = anchorsOf.get(doc);
  if (known) return known;
  const file = path.join("docs", doc);
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const found = new Set([...text.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) => m[1] ?? ""));
  anchorsOf.set(doc, found);
  return found;
}

const problems: string[] = [];
let citations = 0;
for (const file of roots.flatMap(sourceFiles)) {
  if (file === path.join("scripts", "check-doc-citations.ts")) continue;
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      if (outsideRepository.test(line)) problems.push(`${where} cites a file outside the repository`);
      for (const [, doc = "", first = "", more = ""] of line.matchAll(citation)) {
        for (const anchor of [first, ...more.split(", #").filter(Boolean)]) {
          citations += 1;
          if (!anchors(doc).has(anchor))
            problems.push(`${where} cites docs/${doc}#${anchor}, which does not exist`);
        }
      }
    });
}
console.log(`doc citations: ${citations} checked.`);
if (problems.length > 0) {
  console.error(`✘ ${problems.length} citations point nowhere:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exitCode = 1;
}
