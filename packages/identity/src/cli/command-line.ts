import { type ParseArgsConfig, parseArgs } from "node:util";
import { z } from "zod";
import { CliError, type CliFlags, type CliInput } from "./cli-command";

/** Flags every command understands. */
const common = z.object({ json: z.boolean().optional() });

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs' options, read off the command's flag schema: a boolean field is a switch, others take a value. */
function optionsOf(schema: CliFlags): Options {
  const options: Options = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
    options[name] = { type: inner instanceof z.ZodBoolean ? "boolean" : "string" };
  }
  return options;
}

/** node:util's messages are long and mention "-- "; the CLI's are one short line. */
function usageMistake(error: unknown): CliError {
  const code = (error as { code?: string }).code;
  const option = /'(--?[\w-]+)/.exec(error instanceof Error ? error.message : "")?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return new CliError(`unknown option ${option}`);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return new CliError(`${option} needs a value`);
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return new CliError("too many arguments");
  return new CliError(error instanceof Error ? error.message : String(error));
}

/**
 * The words after `sesame <group> <verb>`: positional arguments, then the flags the command
 * declares, checked by its zod schema. An undeclared flag is a mistake, not silently ignored.
 */
export function parseCommandLine(argv: readonly string[], flags: CliFlags | undefined): CliInput {
  const schema = common.extend((flags ?? z.object({})).shape);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: optionsOf(schema), allowPositionals: true, strict: true });
  } catch (error) {
    throw usageMistake(error);
  }
  const values = schema.safeParse(parsed.values);
  if (!values.success) {
    const [issue] = values.error.issues;
    throw new CliError(`--${String(issue?.path[0] ?? "")}: ${issue?.message ?? "invalid"}`);
  }
  return { args: parsed.positionals, flags: values.data as CliInput["flags"] };
}
