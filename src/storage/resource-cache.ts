// A value built from the current objects of a few resources (RBAC's rules, the kind catalog's CRDs), kept per
// isolate: built once from D1, then re-checked by the rows' fingerprint at most once a second, at once after
// `invalidate()` (a write through this isolate), or when a caller names a fingerprint other than the one held.
//
// A request never awaits a re-check another request started: on workerd, code that awaits a promise settled by
// another request's I/O resumes in that request's context (its own body then cannot be read: "Cannot perform
// I/O on behalf of a different request"), and hangs if that request goes away first. So while one re-check is
// under way, other requests take the value held (at most a re-check older, as kube's informers lag), and a
// request that must not (nothing held yet, an invalidation, a fingerprint it names) runs its own.

import type { KubeObject } from "../api/object.ts";
import { readResources, resourcesFingerprint } from "./resource-snapshot.ts";

const revalidateMs = 1000;

export class ResourceCache<T> {
  private value?: T;
  private held = "";
  /** When the held value was last confirmed current; 0 after invalidate(). */
  private checkedAt = 0;
  private checking = 0;
  /** Re-checks are numbered as they start; a value is taken only from one started after the value's own. */
  private started = 0;
  private heldFrom = 0;

  constructor(
    public db: D1Database,
    private readonly resources: readonly string[],
    private readonly build: (objects: Map<string, KubeObject[]>, fingerprint: string) => T,
  ) {}

  /** The fingerprint of the rows the current value was built from. */
  get fingerprint(): string {
    return this.held;
  }

  /** Makes the next read check D1. */
  invalidate(): void {
    this.checkedAt = 0;
  }

  /** The current value; given `fingerprint` (one a caller saw), never one built from other rows. */
  async current(fingerprint?: string, now = Date.now()): Promise<T> {
    const stale = fingerprint !== undefined && fingerprint !== this.held;
    if (this.value !== undefined && !stale) {
      if (now - this.checkedAt < revalidateMs) return this.value;
      if (this.checking > 0 && this.checkedAt !== 0) return this.value;
    }
    this.checking++;
    try {
      return await this.refresh(++this.started, now);
    } finally {
      this.checking--;
    }
  }

  private async refresh(seq: number, now: number): Promise<T> {
    if (this.value !== undefined && (await resourcesFingerprint(this.db, this.resources)) === this.held) {
      if (seq > this.heldFrom) this.checkedAt = now;
      return this.value;
    }
    const read = await readResources(this.db, this.resources);
    // A later re-check finished first: its value is at least as new as this read.
    if (this.value !== undefined && seq < this.heldFrom) return this.value;
    if (read.fingerprint !== this.held || this.value === undefined) this.value = this.build(read.objects, read.fingerprint);
    this.held = read.fingerprint;
    this.heldFrom = seq;
    this.checkedAt = now;
    return this.value;
  }
}
