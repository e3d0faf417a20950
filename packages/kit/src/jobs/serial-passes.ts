import { isStorageUnavailable } from "../db/storage-unavailable";
import type { Logger } from "../logging/logger";

/** Passes over a table of pending work (the mail outbox, the job queue), one at a time. */
export interface SerialPasses<T> {
  /**
   * A pass now, or, while one runs, the one pass that follows it, shared by every call made
   * meanwhile: work queued after the running pass looked at its table is picked up as soon as
   * that pass ends, not at the next poll.
   */
  run(): Promise<T>;
  /** Resolves when no pass is running or due. */
  idle(): Promise<void>;
}

/**
 * Without the follow-up, a kick that arrives during a pass is lost: the mail a sign-up queues while
 * the previous sign-up's mail is being sent would wait for the next poll, a second later
 * (docs/performance.md, item 32). One pass at a time keeps one recipient's mail in the order it
 * was queued. `pass` must not reject: it reports its own failures.
 */
export function serialPasses<T>(pass: () => Promise<T>): SerialPasses<T> {
  let current: Promise<T> | undefined;
  let next: Promise<T> | undefined;

  function run(): Promise<T> {
    if (!current) {
      current = pass().finally(() => {
        current = undefined;
      });
      return current;
    }
    next ??= current.then(() => {
      next = undefined;
      return run();
    });
    return next;
  }

  return {
    run,
    async idle() {
      while (current || next) await (next ?? current);
    },
  };
}

/**
 * `pass` as a pass of a stoppable worker: none once stopped, and its failures reported instead of
 * rejected (a database outage as a warning, since /readyz reports it and the next poll retries).
 */
export function reportedPass(
  name: string,
  options: { readonly logger: Logger; readonly stopped: () => boolean },
  pass: () => Promise<number>,
): () => Promise<number> {
  return () =>
    options.stopped()
      ? Promise.resolve(0)
      : pass().catch((error: unknown) => {
          if (isStorageUnavailable(error))
            options.logger.warn({ err: error }, `${name} skipped: database unavailable`);
          else options.logger.error({ err: error }, `${name} failed`);
          return 0;
        });
}
