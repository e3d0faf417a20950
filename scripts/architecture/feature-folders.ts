/**
 * Collapses a module to its feature folder: packages/<service>/src/<folder>/… becomes
 * "<service>/<folder>". A file directly in src/ (app.ts, context.ts, config.ts …) stands for itself,
 * since the composition root and the service's shared context are different layers.
 */
export function featureFolder(file: string): string {
  const match = /^packages\/([^/]+)\/src\/([^/]+)/.exec(file);
  if (!match) return file;
  const [, service, first] = match;
  return `${service}/${first}`;
}
