// A value built from the current objects of a few resources (RBAC's rules, the kind catalog's CRDs), kept per
// isolate: built once from D1, then re-checked by the rows' fingerprint at most once a second, at once after
// `invalidate()` (a write through this isolate), or when a caller names a fingerprint other than the one held.

import type { KubeObject } from "../api/object.ts";
import { readResources, resourcesFingerprint } from "./resource-snapshot.ts";

const revalidateMs = 1000;

export class ResourceCache<T> {
  private value?: T;
  private held = "";
  private checkedAt = 0;
  private refreshing?: Promise<T>;

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
    if (this.value !== undefined && !stale && now - this.checkedAt < revalidateMs) return this.value;
    if (stale) this.checkedAt = 0;
    this.refreshing ??= this.refresh(now).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(now: number): Promise<T> {
    if (this.value !== undefined && now - this.checkedAt < revalidateMs) return this.value;
    if (this.value !== undefined && (await resourcesFingerprint(this.db, this.resources)) === this.held) {
      this.checkedAt = now;
      return this.value;
    }
    const read = await readResources(this.db, this.resources);
    this.value = this.build(read.objects, read.fingerprint);
    this.held = read.fingerprint;
    this.checkedAt = now;
    return this.value;
  }
}
