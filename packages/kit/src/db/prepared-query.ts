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

/**
 * `preparedQuery` for a query function that takes the caller's database: compiled once per
 * database (a transaction gets its own), kept as long as that database lives.
 */
export function preparedPerDatabase<DB, Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<DB>, param: <K extends keyof Values & string>(name: K) => Values[K]) => Compilable<Row>,
): (db: Kysely<DB>, values: Values) => Promise<Row[]> {
  const byDatabase = new WeakMap<Kysely<DB>, (values: Values) => Promise<Row[]>>();
  return (db, values) => {
    let run = byDatabase.get(db);
    if (!run) {
      run = preparedQuery<DB, Values, Row>(db, (param) => build(db, param));
      byDatabase.set(db, run);
    }
    return run(values);
  };
}
