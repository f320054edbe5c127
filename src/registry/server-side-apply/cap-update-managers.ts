// kube keeps at most 10 managedFields entries of operation Update: after every update the oldest ones (by
// time in seconds, then by manager identifier) are merged, per apiVersion, into one entry named
// "ancient-changes" (operation Update, that apiVersion, no subresource) until 10 are left. The first entry
// of a version to be merged becomes the bucket; the bucket takes the time of the newest entry merged into it.
// An apiVersion with a single old entry is left alone, so more than 10 may remain. Appliers are never merged.

import type { ManagerEntry } from "./managed-fields.ts";

export const maxUpdateManagers = 10;
const bucketName = "ancient-changes";

/** kube's manager identifier (the JSON of the entry with fieldsType, fieldsV1 and time left out). */
function identifier(e: ManagerEntry): string {
  const id: Record<string, string> = { manager: e.manager, operation: e.operation };
  if (e.operation !== "Apply" && e.apiVersion) id.apiVersion = e.apiVersion;
  if (e.subresource) id.subresource = e.subresource;
  return JSON.stringify(id);
}

const seconds = (time: string | undefined): number => (time ? Math.floor(Date.parse(time) / 1000) || 0 : 0);

/** The entries with the oldest updaters merged as kube merges them (the array is changed in place and returned). */
export function capUpdateManagers(entries: ManagerEntry[], max = maxUpdateManagers): ManagerEntry[] {
  const updaters = entries.filter((e) => e.operation === "Update" && !e.set.isEmpty());
  if (updaters.length <= max) return entries;
  const ids = new Map(updaters.map((e) => [e, identifier(e)]));
  updaters.sort((a, b) => seconds(a.time) - seconds(b.time) || (ids.get(a)! < ids.get(b)! ? -1 : ids.get(a)! > ids.get(b)! ? 1 : 0));
  const firstOfVersion = new Map<string, ManagerEntry>();
  const gone = new Set<ManagerEntry>();
  let length = updaters.length;
  for (const entry of updaters) {
    if (length <= max) break;
    const first = firstOfVersion.get(entry.apiVersion);
    if (!first) {
      firstOfVersion.set(entry.apiVersion, entry);
      continue;
    }
    const bucketId = identifier({ manager: bucketName, operation: "Update", apiVersion: entry.apiVersion, set: entry.set });
    let bucket = entries.find((e) => !gone.has(e) && identifier(e) === bucketId);
    if (!bucket) {
      // The first entry of this version becomes the bucket.
      bucket = { manager: bucketName, operation: "Update", apiVersion: entry.apiVersion, time: first.time, set: first.set };
      gone.add(first);
      entries.push(bucket);
    }
    bucket.set = entry.set.union(bucket.set);
    bucket.time = entry.time;
    gone.add(entry);
    length--;
  }
  const kept = entries.filter((e) => !gone.has(e));
  entries.length = 0;
  entries.push(...kept);
  return entries;
}
