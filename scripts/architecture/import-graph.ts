/**
 * The production import graph of the services, read by dependency-cruiser with the repository's own
 * configuration (.dependency-cruiser.cjs), so every architecture check sees the same edges.
 */
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

/** Tests, harnesses and fixtures: the same pattern as the configuration's `testCode`. */
const testCode = /(\.test\.ts$|\/testing\/|-test-[a-z]+\.ts$|\/test-[a-z-]+\.ts$)/;

/** One import between two production modules of packages/ (type-only imports included). */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

export async function productionImports(): Promise<ImportEdge[]> {
  const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
  const reported = await cruise(
    ["packages"],
    { ...options, validate: false, outputType: "json" },
    {},
    { tsConfig: extractTSConfig("tsconfig.json") },
  );
  const result: ICruiseResult =
    typeof reported.output === "string" ? JSON.parse(reported.output) : reported.output;
  const isProduction = (file: string) => file.startsWith("packages/") && !testCode.test(file);
  return result.modules
    .filter((module) => isProduction(module.source))
    .flatMap((module) =>
      module.dependencies
        .filter((dependency) => isProduction(dependency.resolved))
        .map((dependency) => ({
          from: module.source,
          to: dependency.resolved,
          typeOnly: dependency.dependencyTypes.includes("type-only"),
        })),
    );
}
