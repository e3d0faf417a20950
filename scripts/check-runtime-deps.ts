/**
 * Fails when a module that a running service loads imports a package that a production install
 * (`npm ci --omit=dev`) would leave out: every package imported at run time by the non-test sources of
 * kit, identity and portal (and by scripts/start.ts, behind `npm start`) must be in the `dependencies`
 * of its own workspace or of the root package.json.
 *
 * Imports are read with the TypeScript parser: `import type` and `export type` vanish at run time and
 * are skipped; every other import, re-export, dynamic `import("…")` and `require.resolve("…")` counts.
 */
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";

const runtimeRoots = [
  { dir: "packages/kit", files: "packages/kit/src" },
  { dir: "packages/identity", files: "packages/identity/src" },
  { dir: "packages/portal", files: "packages/portal/src" },
  { dir: ".", files: "scripts/start.ts" },
];

/** Tests, harnesses and fixtures: the same pattern as .dependency-cruiser.cjs's `testCode`. */
const testCode = /(\.test\.ts$|\/testing\/|-test-[a-z]+\.ts$|\/test-[a-z-]+\.ts$)/;

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  workspaces?: string[];
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
}

function sourceFiles(target: string): string[] {
  if (fs.statSync(target).isFile()) return [target];
  return fs.readdirSync(target, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !testCode.test(full) ? [full] : [];
  });
}

/** The module specifiers a file loads at run time. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && isModuleLoad(node)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteral(first)) found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `import("x")`, `require("x")` and `require.resolve("x")`. */
function isModuleLoad(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === "require";
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "require" &&
    callee.name.text === "resolve"
  );
}

/** "@scope/name/deep" → "@scope/name", "name/deep" → "name"; undefined for relative and built-in. */
function packageName(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:"))
    return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
  return builtinModules.includes(name) ? undefined : name;
}

const root = readPackage(".");
const workspaceNames = new Set((root.workspaces ?? []).map((dir) => readPackage(dir).name));
const missing: string[] = [];
let checkedFiles = 0;
for (const { dir, files } of runtimeRoots) {
  const own = readPackage(dir);
  const listed = new Set([...Object.keys(own.dependencies ?? {}), ...Object.keys(root.dependencies ?? {})]);
  for (const file of sourceFiles(files)) {
    checkedFiles += 1;
    for (const name of new Set(runtimeSpecifiers(file).map(packageName))) {
      if (name === undefined || listed.has(name)) continue;
      // npm links every workspace into the root's node_modules, so the root reaches them all.
      if (dir === "." && workspaceNames.has(name)) continue;
      missing.push(`${file} imports ${name}, which is not in the dependencies of ${dir}/package.json`);
    }
  }
}
console.log(`runtime dependencies: ${checkedFiles} files read.`);
if (missing.length > 0) {
  console.error(`✘ ${missing.length} imports a production install would not satisfy:`);
  for (const line of missing) console.error(`  ${line}`);
  process.exitCode = 1;
}
