// The Table of a custom resource version, as kube's tableconvertor builds it from additionalPrinterColumns: the
// Name column, then one column per printer column (or Age when the version declares none). Each column's
// JSONPath is parsed once per column set (cached), so a list's rows only evaluate.

import type { KubeObject } from "../../api/object.ts";
import type { CellValue, TableColumn, TableDefinition } from "../../resources/definition.ts";
import { jsonPathFinder, parseJsonPath, type FindResult } from "./json-path.ts";
import { printerCell } from "./printer-cell.ts";

/** apiextensions.k8s.io/v1 CustomResourceColumnDefinition. */
export interface AdditionalPrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** ObjectMeta's documentation of name, the Name column's description. */
export const nameDescription =
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

/** ObjectMeta's documentation of creationTimestamp, the default Age column's description. */
export const creationTimestampDescription =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** What kube serves for a version without printer columns (not stored in the CRD: applied when serving). */
export const defaultPrinterColumns: readonly AdditionalPrinterColumn[] = [
  { name: "Age", type: "date", description: creationTimestampDescription, jsonPath: ".metadata.creationTimestamp" },
];

const nameColumn: TableColumn = { name: "Name", type: "string", format: "name", description: nameDescription, priority: 0 };

/** The columns of the /scale subresource's Table: Desired and Available when the CRD maps them, then Age. */
export function scalePrinterColumns(scale: { specReplicasPath?: string; statusReplicasPath?: string }): AdditionalPrinterColumn[] {
  const columns: AdditionalPrinterColumn[] = [];
  if (scale.specReplicasPath) columns.push({ name: "Desired", type: "integer", description: "Number of desired replicas", jsonPath: ".spec.replicas" });
  if (scale.statusReplicasPath) columns.push({ name: "Available", type: "integer", description: "Number of actual replicas", jsonPath: ".status.replicas" });
  return [...columns, ...defaultPrinterColumns];
}

/**
 * Builds the Table definition without caching. A column whose jsonPath does not parse ends the columns there:
 * kube keeps the ones before it (and logs the CRD's printer specification as invalid).
 */
export function compilePrinterColumns(columns: readonly AdditionalPrinterColumn[] | undefined): TableDefinition {
  const served = columns && columns.length > 0 ? columns : defaultPrinterColumns;
  const headers: TableColumn[] = [nameColumn];
  const finders: ((data: unknown) => FindResult)[] = [];
  const types: string[] = [];
  for (const column of served) {
    const parsed = parseJsonPath(column.jsonPath);
    if (!parsed.ok) break;
    finders.push(jsonPathFinder(parsed.path));
    types.push(column.type);
    headers.push({
      name: column.name,
      type: column.type as TableColumn["type"],
      format: column.format ?? "",
      description: column.description || `Custom resource definition column (in JSONPath format): ${column.jsonPath}`,
      // kube copies any int32; TableColumn's 0 | 1 is narrower than the wire.
      priority: (column.priority ?? 0) as TableColumn["priority"],
    });
  }
  return {
    columns: headers,
    cells(obj: KubeObject, { now }: { now: Date }): CellValue[] {
      const cells: CellValue[] = [obj.metadata?.name ?? ""];
      for (let i = 0; i < finders.length; i++) {
        const found = finders[i](obj);
        const first = found.ok ? found.results[0] : undefined;
        cells.push(first && first.length > 0 ? printerCell(types[i], first[0], now) : null);
      }
      return cells;
    },
  };
}

const maxCached = 256;
const byKey = new Map<string, TableDefinition>();
const byArray = new WeakMap<readonly AdditionalPrinterColumn[], TableDefinition>();

/** The Table definition for a CRD version's additionalPrinterColumns, parsed once per distinct column set. */
export function printerColumnsTable(columns: readonly AdditionalPrinterColumn[] | undefined): TableDefinition {
  if (columns) {
    const same = byArray.get(columns);
    if (same) return same;
  }
  const key = JSON.stringify(columns ?? []);
  let table = byKey.get(key);
  if (table) byKey.delete(key);
  else table = compilePrinterColumns(columns);
  byKey.set(key, table);
  if (byKey.size > maxCached) byKey.delete(byKey.keys().next().value!);
  if (columns) byArray.set(columns, table);
  return table;
}

/** The cells of one object's row (Name first) for a column set; the parsed paths come from the cache. */
export function printerColumnCells(columns: readonly AdditionalPrinterColumn[] | undefined, obj: KubeObject, now: Date): CellValue[] {
  return printerColumnsTable(columns).cells(obj, { now });
}
