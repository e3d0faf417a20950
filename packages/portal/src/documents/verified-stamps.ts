/**
 * Stamps of stored blobs whose bytes were last seen whole and matching their checksum: the stamp
 * (disk: device, inode, size, mtime and ctime in ns) changes with any write to the file, so a read
 * whose stamp matches the remembered one may skip the whole-file check before the status and rely
 * on the check made while the bytes stream (docs/performance.md#verified-stamps). Per process, bounded:
 * forgetting a stamp only costs the next read its check before the status.
 */
export class VerifiedStamps {
  private readonly stamps = new Map<string, string>();

  constructor(private readonly limit = 10_000) {}

  matches(sha256: string, stamp: string | undefined): boolean {
    return stamp !== undefined && this.stamps.get(sha256) === stamp;
  }

  remember(sha256: string, stamp: string | undefined): void {
    if (stamp === undefined) return;
    this.stamps.delete(sha256);
    this.stamps.set(sha256, stamp);
    // A Map iterates in insertion order: the first key is the stamp remembered longest ago.
    if (this.stamps.size > this.limit) this.stamps.delete(this.stamps.keys().next().value ?? "");
  }

  forget(sha256: string): void {
    this.stamps.delete(sha256);
  }
}
