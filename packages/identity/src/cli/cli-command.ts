import { z } from "zod";
import { type Actor, cliActor } from "../audit/audit-log";
import type { IdentityContext } from "../context";

/**
 * One `sesame <group> <verb> …` command. `run` gets parsed flags and positional words, and returns
 * what to print: text, or the same data as JSON when the user passed --json.
 */
export interface CliCommand {
  readonly group: string;
  readonly verb: string;
  readonly usage: string;
  readonly summary: string;
  /** The flags it takes (`--json` aside): a string field takes a value, a boolean one is a switch. */
  readonly flags?: CliFlags;
  run(ctx: IdentityContext, input: CliInput): Promise<CliOutput>;
}

/** A command's flags, as a zod object of optional strings and booleans. */
export type CliFlags = z.ZodObject<Record<string, z.ZodOptional<z.ZodString | z.ZodBoolean>>>;

export interface CliInput {
  readonly args: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
}

export interface CliOutput {
  readonly text: string;
  readonly json: unknown;
}

/** A mistake in the command line or a refused operation: printed as one clear line, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** The n-th positional argument, or a usage error naming it. */
export function arg(input: CliInput, index: number, name: string): string {
  const value = input.args[index];
  if (value === undefined || value === "") throw new CliError(`missing <${name}>`);
  return value;
}

/** A --name value; a bare --name with no value is a usage error. */
export function flag(input: CliInput, name: string): string | undefined {
  const value = input.flags[name];
  if (typeof value === "boolean") throw new CliError(`--${name} needs a value`);
  return value;
}

export function intFlag(input: CliInput, name: string): number {
  const value = flag(input, name);
  if (value === undefined || !/^\d+$/.test(value)) throw new CliError(`--${name} must be a whole number`);
  return Number(value);
}

/** What a command's body gets: the context, its input, and the operator as the operations' actor. */
export interface CommandScope {
  readonly ctx: IdentityContext;
  readonly input: CliInput;
  readonly actor: Actor;
}

type CommandBody = (scope: CommandScope) => Promise<CliOutput>;

/** A `sesame <group> <verb>` command, with the flags it takes when any; refused operations are printed by the runner, in one line. */
export function command(
  group: string,
  verb: string,
  usage: string,
  summary: string,
  ...rest: [body: CommandBody] | [flags: CliFlags, body: CommandBody]
): CliCommand {
  const [flags, body] = rest.length === 2 ? rest : [undefined, rest[0]];
  return {
    group,
    verb,
    usage: `${group} ${verb} ${usage}`.trim(),
    summary,
    ...(flags ? { flags } : {}),
    run: (ctx, input) => body({ ctx, input, actor: cliActor }),
  };
}

/** Flag schemas: a flag that takes a value, and a switch. */
export const valueFlag = () => z.string().optional();
export const switchFlag = () => z.boolean().optional();
