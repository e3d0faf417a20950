import type { z } from "zod";

/** Raised when the environment does not describe a valid configuration; one line per mistake. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    heading = "Invalid configuration",
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses environment variables with a zod object schema whose keys are the variable names.
 * Every mistake is reported at once, so a user fixes the whole environment in one pass.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const given = cleaned[String(issue.path[0])];
    return given === undefined
      ? `${name}: ${issue.message}`
      : `${name}=${JSON.stringify(given)}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
