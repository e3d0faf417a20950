/**
 * A module a process may never need (S3, Redis, PDF, certificates, QR codes…) is `import()`ed at its
 * first use rather than at start: importing is most of a service's start-up time and a good part of
 * its idle memory (docs/performance.md). `loadOnce(name, load)` returns a function that starts the
 * load on its first call and hands every later call the same promise, so concurrent first uses share
 * one load. A failed load is not kept: the next call tries again (a file briefly unreadable during a
 * deployment must not break the feature until a restart), and its error names the module, so the
 * 500 it ends in says what was missing.
 *
 * The `import()` must be written at the call site with a literal specifier (`() => import("pdf-lib")`):
 * that is what keeps the build from hoisting it into the bundle's top-level imports.
 */
export function loadOnce<T>(name: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new Error(`could not load ${name}`, { cause: error });
    });
    return loading;
  };
}
