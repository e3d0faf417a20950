import type { Kysely } from "kysely";
import { type Actor, cliActor, recordAudit } from "../admin/audit-log";
import { type CliCommand, CliError, type CliInput, type CliOutput } from "../cli/cli-command";
import type { IdentityContext } from "../context";
import { translate } from "../i18n/messages";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "./directory-error";

/** What a directory command's body gets: the context, its input, and an audited transaction. */
export interface DirectoryCommandScope {
  readonly ctx: IdentityContext;
  readonly input: CliInput;
  readonly actor: Actor;
  /** Runs `change` in one transaction with its audit entry. */
  audited<R>(
    tenantId: string,
    action: string,
    target: string,
    change: (trx: Kysely<IdentityDB>) => Promise<R>,
    detail?: Record<string, unknown>,
  ): Promise<R>;
}

/**
 * A `sesame <group> <verb>` command over the directory: refusals (DirectoryError) become one clear
 * English line (CliError), so every mistake exits with code 2 and says what to do.
 */
export function directoryCommand(
  group: string,
  verb: string,
  usage: string,
  summary: string,
  body: (scope: DirectoryCommandScope) => Promise<CliOutput>,
): CliCommand {
  return {
    group,
    verb,
    usage: `${group} ${verb} ${usage}`.trim(),
    summary,
    async run(ctx, input) {
      const scope: DirectoryCommandScope = {
        ctx,
        input,
        actor: cliActor,
        audited: (tenantId, action, target, change, detail) =>
          ctx.db.transaction().execute(async (trx) => {
            const result = await change(trx);
            await recordAudit(trx, tenantId, cliActor, action, target, detail);
            return result;
          }),
      };
      try {
        return await body(scope);
      } catch (error) {
        if (error instanceof DirectoryError) throw new CliError(translate("en")(error.code, error.params));
        throw error;
      }
    },
  };
}
