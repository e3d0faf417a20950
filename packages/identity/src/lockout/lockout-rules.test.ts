import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  afterWrongPassword,
  FORGET_AFTER_MS,
  type LockoutState,
  lockDuration,
  MAX_LOCK_MS,
  remainingLock,
} from "./lockout-rules";

const minute = 60_000;

function wrongTimes(n: number, state: LockoutState | undefined, now: number): LockoutState | undefined {
  let s = state;
  for (let i = 0; i < n; i++) s = afterWrongPassword(s, now);
  return s;
}

describe("lockout rules", () => {
  it("locks for one minute at the tenth wrong password, not before", () => {
    const nine = wrongTimes(9, undefined, 0);
    assert.equal(remainingLock(nine, 0), 0);
    const ten = afterWrongPassword(nine, 0);
    assert.equal(remainingLock(ten, 0), minute);
  });

  it("doubles each further lock, up to an hour", () => {
    let state = wrongTimes(10, undefined, 0);
    let now = 0;
    const locks: number[] = [];
    for (let i = 0; i < 9; i++) {
      now += remainingLock(state, now);
      state = afterWrongPassword(state, now);
      locks.push(remainingLock(state, now) / minute);
    }
    assert.deepEqual(locks, [2, 4, 8, 16, 32, 60, 60, 60, 60]);
    assert.equal(lockDuration(50), MAX_LOCK_MS);
  });

  it("does not count or extend while locked", () => {
    const locked = wrongTimes(10, undefined, 0);
    const tried = wrongTimes(5, locked, 30_000);
    assert.equal(remainingLock(tried, 30_000), 30_000);
  });

  it("forgets everything after a quiet day", () => {
    const state = wrongTimes(10, undefined, 0);
    const later = FORGET_AFTER_MS + minute + 1;
    assert.equal(remainingLock(afterWrongPassword(state, later), later), 0);
  });
});
