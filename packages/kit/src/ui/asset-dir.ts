/** Set by the production build (scripts/build.ts) to the folder, beside the built files, holding the assets. */
declare const SESAME_BUILT_ASSETS: string | undefined;

/**
 * The folder of a feature's browser files. Running from source, it is the folder given beside the
 * source file; the built code is one file per service in dist/, so the build copies each folder to
 * dist/assets/<name>/ and tells it here (a compile-time constant, not a lookup at run time).
 */
export function assetDir(name: string, besideSource: URL): URL {
  if (typeof SESAME_BUILT_ASSETS === "undefined") return besideSource;
  return new URL(`${SESAME_BUILT_ASSETS}/${name}/`, import.meta.url);
}
