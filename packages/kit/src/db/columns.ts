import type { ColumnDefinitionBuilder } from "kysely";

/**
 * Portable column conventions, identical on SQLite and PostgreSQL:
 * ids are text (GUIDs), times are BIGINT epoch milliseconds, booleans are integers 0/1,
 * structured values are JSON text. Queries never branch on the dialect.
 */
export const TIME = "bigint" as const;
export const BOOL = "integer" as const;

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
export const primaryKey = (c: ColumnDefinitionBuilder) => c.primaryKey();

export const now = (): number => Date.now();
export const toBool = (value: boolean): number => (value ? 1 : 0);
export const fromBool = (value: number | boolean | null | undefined): boolean =>
  value === 1 || value === true;
