import type { ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { NamedMigrations } from "@sesame/kit/db/migrations";
import type { FastifyInstance } from "fastify";
import type { CliCommand } from "./cli/cli-command";
import type { IdentityContext } from "./context";

/**
 * A feature folder's entry point: its migrations (numbered in its own range), its routes and its
 * CLI commands. Tables and messages are typed, so they are listed in storage/schema.ts and
 * i18n/messages.ts instead.
 */
export interface IdentityFeature {
  readonly name: string;
  readonly migrations: NamedMigrations;
  register(app: FastifyInstance, ctx: IdentityContext): void | Promise<void>;
  readonly cli?: readonly CliCommand[];
  /** Rows of its tables that have outlived their use, deleted by the expiry sweeper. */
  readonly expiry?: readonly ExpiryRule[];
}
