import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

/**
 * Walks every row of every table of the schema and names each column that still holds one of the
 * traces (compared in lower case): what an erasure must leave empty. The table count lets a test
 * check that the walk saw the whole schema, not a corner of it.
 */
export async function personalDataLeft(
  db: Kysely<IdentityDB>,
  traces: readonly string[],
): Promise<{ readonly tables: number; readonly found: readonly string[] }> {
  const lowered = traces.map((trace) => trace.toLowerCase());
  const tables = await db.introspection.getTables();
  const found: string[] = [];
  for (const table of tables) {
    const rows = await db
      .selectFrom(table.name as "account")
      .selectAll()
      .execute();
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = String(value ?? "").toLowerCase();
        for (const trace of lowered)
          if (text.includes(trace)) found.push(`${table.name}.${column}: ${trace}`);
      }
    }
  }
  return { tables: tables.length, found };
}
