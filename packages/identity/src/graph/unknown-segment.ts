/**
 * Graph names the first segment of a path it cannot resolve ("Resource not found for the segment
 * 'nope'." for /v1.0/users/{id}/nope). The routes Graph serves are known, so that segment is the one
 * after the longest prefix some route pattern matches, a `:param` matching any segment.
 */
export class RouteSegments {
  private readonly patterns: string[][] = [];

  add(url: string): void {
    if (url.startsWith("/v1.0/") && !url.includes("*")) this.patterns.push(segmentsOf(url));
  }

  firstUnknown(path: string): string {
    const segments = segmentsOf(path);
    const matched = Math.max(0, ...this.patterns.map((pattern) => matchingPrefix(pattern, segments)));
    return decodeURIComponent(segments[matched] ?? segments[segments.length - 1] ?? "");
  }
}

function segmentsOf(path: string): string[] {
  return (path.split("?")[0] ?? "").split("/").filter((s) => s !== "");
}

function matchingPrefix(pattern: readonly string[], segments: readonly string[]): number {
  let n = 0;
  while (n < pattern.length && n < segments.length) {
    const part = pattern[n] ?? "";
    if (!part.startsWith(":") && part.toLowerCase() !== segments[n]?.toLowerCase()) break;
    n++;
  }
  return n;
}
