// Hands out registration indexes so that no two youths of one run share an ID number.
import type { Age } from './people.js';

export class Indexes {
  private readonly next: Record<Age, number> = { adult: 0, minor: 0 };

  /** Reserves n indexes and returns the first (n = 0 only peeks). */
  take(age: Age, n = 1): number {
    const i = this.next[age];
    this.next[age] += n;
    return i;
  }

  /** After a child process used indexes from take(age, 0) up to i. */
  advanceTo(age: Age, i: number): void {
    this.next[age] = Math.max(this.next[age], i);
  }
}
