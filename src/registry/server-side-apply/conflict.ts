// The 409 an apply answers when it would change fields another manager owns, in kube's words:
// `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`.

import { failure, type Status } from "../../api/status.ts";
import { pathString, type FieldPath } from "./field-set.ts";
import type { ManagerEntry } from "./managed-fields.ts";

export interface Conflict {
  entry: ManagerEntry;
  path: FieldPath;
}

/** How kube names a manager: its name quoted, its subresource, and for Update the apiVersion it used. */
export function printManager(entry: ManagerEntry): string {
  let out = JSON.stringify(entry.manager);
  if (entry.subresource) out += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === "Update") out += ` using ${entry.apiVersion}`;
  return out;
}

export function conflictStatus(conflicts: Conflict[]): Status {
  const causes = conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${printManager(c.entry)}`, field: pathString(c.path) }));
  if (conflicts.length === 1) {
    const [only] = conflicts;
    return failure(409, "Conflict", `Apply failed with 1 conflict: conflict with ${printManager(only.entry)}: ${pathString(only.path)}`, { causes });
  }
  const byManager = new Map<string, Conflict[]>();
  for (const c of conflicts) byManager.set(printManager(c.entry), [...(byManager.get(printManager(c.entry)) ?? []), c]);
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${manager}:`);
    for (const c of byManager.get(manager)!) lines.push(`- ${pathString(c.path)}`);
  }
  return failure(409, "Conflict", `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`, { causes });
}
