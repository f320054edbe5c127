// Stored objects' text by key and revision, shared by every shard of this isolate.
//
// A revision is the log id of one write, so a key and a revision name one text that never changes: an entry
// cannot go stale whatever happened elsewhere, and it outlives the Durable Object instance that filled it. The
// runtime evicts a Durable Object that sits idle for a few seconds; the next instance in this isolate, which
// reloads its keys and revisions from D1, finds its objects here instead of reading each one back.
//
// Text rather than parsed objects: about a third of the memory, nothing in it for the garbage collector to
// trace, and every read parses its own copy, which the reader may change.

export class StoredTexts {
  private readonly entries = new Map<string, { rv: number; text: string }>();
  private size = 0;

  /** `budget`: the characters held at most; the least recently used texts go first. */
  constructor(private readonly budget: number) {}

  get(key: string, rv: number): string | undefined {
    const entry = this.entries.get(key);
    if (entry?.rv !== rv) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.text;
  }

  has(key: string, rv: number): boolean {
    return this.entries.get(key)?.rv === rv;
  }

  set(key: string, rv: number, text: string): void {
    this.delete(key);
    if (text.length > this.budget) return;
    this.entries.set(key, { rv, text });
    this.size += text.length;
    for (const [oldest, entry] of this.entries) {
      if (this.size <= this.budget) break;
      this.entries.delete(oldest);
      this.size -= entry.text.length;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.size -= entry.text.length;
  }

  /** Characters held. */
  get characters(): number {
    return this.size;
  }
}

/**
 * The isolate's cache of stored texts: 32 Mi characters, ~25,000 ConfigMaps of the benchmark's size. A
 * Worker's isolate may use 128 MB.
 */
export const storedTexts = new StoredTexts(32 * 1024 * 1024);

/** The cache key of an object. Neither a namespace nor a storage key holds a NUL. */
export function textKey(namespace: string, resource: string, name: string): string {
  return `${namespace}\0${resource}\0${name}`;
}
