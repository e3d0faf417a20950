/**
 * `sesame <group> <verb> [args] [--flag value] [--json]`: identity's administration commands.
 * Runs against the same storage as the server (DATABASE_URL, SESAME_DATA_DIR); mail it queues is
 * delivered by the running server's sender.
 */

import { ConfigError } from "@sesame/kit/config/load-config";
import { HttpError } from "@sesame/kit/http/http-error";
import { writeAuditEntry } from "./audit/audit-log";
import { backupSummary, backupUsage, runBackup } from "./cli/backup-command";
import { type CliCommand, CliError, type CliInput } from "./cli/cli-command";
import { parseCommandLine } from "./cli/command-line";
import { type IdentityConfig, loadIdentityConfig } from "./config";
import type { IdentityContext } from "./context";
import { identityFeatures } from "./features";
import { type MessageKey, translate } from "./i18n/messages";
import { openIdentityStorage } from "./main";

/**
 * The one place a refusal becomes the CLI's line: a usage mistake, or an operation's refusal
 * (a 4xx HttpError such as DirectoryError) in English; anything else is a crash, not a refusal.
 */
function refusalLine(error: unknown): string | undefined {
  if (error instanceof CliError) return error.message;
  if (error instanceof HttpError && error.statusCode < 500)
    return translate("en")(error.messageKey as MessageKey, error.params);
  return undefined;
}

export function allCommands(): CliCommand[] {
  return identityFeatures.flatMap((feature) => feature.cli ?? []);
}

function usage(commands: readonly CliCommand[]): string {
  return [
    "usage: sesame <group> <verb> [options] [--json]",
    "",
    ...commands.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`),
    `  ${backupUsage.padEnd(60)} ${backupSummary}`,
  ].join("\n");
}

/** Runs one command line; returns the process exit code. Exported for tests. */
export async function runCli(
  argv: readonly string[],
  config: IdentityConfig,
  out: (text: string) => void,
): Promise<number> {
  const commands = allCommands();
  const [group, verb] = argv;
  if (group === "backup") {
    try {
      out(await runBackup(config, verb));
      return 0;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      out(`error: ${error.message}`);
      return 2;
    }
  }
  const command = commands.find((c) => c.group === group && c.verb === verb);
  if (!command) {
    out(group ? `unknown command: ${argv.slice(0, 2).join(" ")}\n\n${usage(commands)}` : usage(commands));
    return group ? 2 : 0;
  }
  let input: CliInput;
  try {
    input = parseCommandLine(argv.slice(2), command.flags);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    out(`error: ${error.message}`);
    return 2;
  }
  const { logger, database, counters } = await openIdentityStorage({ ...config, SESAME_LOG_LEVEL: "warn" });
  const port = config.SESAME_IDENTITY_PORT;
  const ctx: IdentityContext = {
    config,
    database,
    db: database.db,
    counters,
    logger,
    origin: `https://${config.SESAME_PUBLIC_HOST}${port === 443 ? "" : `:${port}`}`,
    brand: "Sésame",
    mailQueued: () => {},
    writeAudit: writeAuditEntry,
    devMailbox: false,
  };
  try {
    const result = await command.run(ctx, input);
    out(input.flags.json ? JSON.stringify(result.json, null, 2) : result.text);
    return 0;
  } catch (error) {
    const refusal = refusalLine(error);
    if (refusal) {
      out(`error: ${refusal}`);
      return 2;
    }
    throw error;
  } finally {
    await counters.close();
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const code = await runCli(process.argv.slice(2), loadIdentityConfig(), (text) =>
      process.stdout.write(`${text}\n`),
    );
    process.exit(code);
  } catch (error) {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  }
}
