import type { Compilable, CompiledQuery, Kysely, QueryResult, Transaction } from "kysely";

/** Stands for a value given at each run; no real value starts with a NUL character. */
const MARK = "\u0000sesame-param:";

type Param<Values> = <K extends keyof Values & string>(name: K) => Values[K];

/** Compiles `build` at the first run, then gives each run's values to the compiled query. */
function compiledOnce<DB, Values extends Record<string, unknown>, Row>(
  build: (param: Param<Values>) => Compilable<Row>,
): (on: Kysely<DB>, values: Values) => Promise<QueryResult<Row>> {
  let compiled: CompiledQuery<Row> | undefined;
  let names: (string | undefined)[] = [];
  return (on, values) => {
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
    return on.executeQuery<Row>({ ...compiled, parameters });
  };
}

/**
 * A query built and compiled by Kysely once, then run with new values. Kysely builds and compiles
 * each query afresh, which costs about 4 µs, more than SQLite's indexed read itself (bench profile);
 * the token endpoint's per-request query uses this. `param("name")` stands for `values.name` and
 * may appear anywhere Kysely takes a value. Runs on the given database, outside any transaction.
 */
export function preparedQuery<DB, Values extends Record<string, unknown>, Row>(
  db: Kysely<DB>,
  build: (param: Param<Values>) => Compilable<Row>,
): (values: Values) => Promise<Row[]> {
  const run = compiledOnce<DB, Values, Row>(build);
  return async (values) => (await run(db, values)).rows;
}

/**
 * A prepared statement (read or write) for a function that takes the caller's database: compiled
 * once per database, kept as long as that database lives. `within`: a transaction of that
 * database to run it in (the SQL compiled for a database is the same in its transactions, so a
 * write inside a transaction is not built again at each one). The result is Kysely's: rows, and
 * `numAffectedRows` for a write.
 */
export function preparedPerDatabase<DB, Values extends Record<string, unknown>, Row>(
  build: (db: Kysely<DB>, param: Param<Values>) => Compilable<Row>,
): (db: Kysely<DB>, values: Values, within?: Transaction<DB>) => Promise<QueryResult<Row>> {
  const byDatabase = new WeakMap<Kysely<DB>, (on: Kysely<DB>, values: Values) => Promise<QueryResult<Row>>>();
  return (db, values, within) => {
    let run = byDatabase.get(db);
    if (!run) {
      run = compiledOnce<DB, Values, Row>((param) => build(db, param));
      byDatabase.set(db, run);
    }
    return run(within ?? db, values);
  };
}

/**
 * A whole row of parameters for a prepared insert: `values(rowOfParams(param, columns))`.
 * `columns` names every column once (its values are ignored), so a column added to the table
 * and not here is a compile error rather than a silently defaulted value.
 */
export function rowOfParams<Values extends Record<string, unknown>>(
  param: Param<Values>,
  columns: Record<keyof Values & string, true>,
): Values {
  return Object.fromEntries(
    Object.keys(columns).map((c) => [c, param(c as keyof Values & string)]),
  ) as Values;
}
