import type { Compilable, CompiledQuery, Kysely } from "kysely";

/** Stands for a value given at each run; no real value starts with a NUL character. */
const MARK = "\u0000sesame-param:";

/**
 * A query built and compiled by Kysely once, then run with new values. Kysely builds and compiles
 * each query afresh, which costs about 4 µs, more than SQLite's indexed read itself (bench profile);
 * the token endpoint's per-request query uses this. `param("name")` stands for `values.name` and
 * may appear anywhere Kysely takes a value. Runs on the given database, outside any transaction.
 */
export function preparedQuery<DB, Values extends Record<string, unknown>, Row>(
  db: Kysely<DB>,
  build: (param: <K extends keyof Values & string>(name: K) => Values[K]) => Compilable<Row>,
): (values: Values) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  let names: (string | undefined)[] = [];
  return async (values) => {
    if (!compiled) {
      compiled = build((name) => `${MARK}${name}` as never).compile();
      names = compiled.parameters.map((p) =>
        typeof p === "string" && p.startsWith(MARK) ? p.slice(MARK.length) : undefined,
      );
      for (const name of names)
        if (name !== undefined && !(name in values)) throw new Error(`preparedQuery: no value for ${name}`);
    }
    const parameters = compiled.parameters.map((p, i) => {
      const name = names[i];
      return name === undefined ? p : values[name];
    });
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
