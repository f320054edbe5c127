// A list as kube-apiserver answers it: selectors, resourceVersion semantics, limit/continue over a consistent
// snapshot, remainingItemCount, and 410 Expired for a snapshot older than the history kept.

import { badRequest, gone, timeout } from "../api/errors.ts";
import { parseFieldSelector, type FieldSelector } from "../api/field-selector.ts";
import { parseLabelSelector, SelectorParseError, type LabelSelector } from "../api/label-selector.ts";
import type { KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import { fieldsOf, supportsField } from "../registry/field-attributes.ts";
import { storageKey, type KindDefinition } from "../resources/definition.ts";
import { decodeStored, parseResourceVersion, storedJsonWithVersion, storedPrefix } from "../storage/codec.ts";
import { storedApiVersion } from "../registry/served-version.ts";
import type { ObjectReader } from "../storage/object-reader.ts";
import { decodeContinue, encodeContinue } from "./continue-token.ts";
import type { ListMeta } from "./table.ts";

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: string;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListResult {
  items: KubeObject[];
  /**
   * With `asText` and nothing to filter by: the items as JSON text instead (items is then empty), made from the
   * stored text without parsing it (storage/codec.ts storedJsonWithVersion).
   */
  itemsText?: string[];
  meta: ListMeta;
}

const chunk = 1000;

const continueExpired =
  "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

function parseSelectors(def: KindDefinition, query: ListQuery): { labels: LabelSelector; fields: FieldSelector } | Status {
  try {
    const labels = parseLabelSelector(query.labelSelector ?? "");
    const fields = parseFieldSelector(query.fieldSelector ?? "");
    for (const r of fields.requirements) {
      if (!supportsField(def, r.field)) return badRequest(`field label not supported: ${r.field}`);
    }
    return { labels, fields };
  } catch (error) {
    if (error instanceof SelectorParseError) return badRequest(error.message);
    throw error;
  }
}

function parseLimit(text: string | undefined): number | Status {
  if (text === undefined || text === "") return 0;
  if (!/^-?\d+$/.test(text)) return badRequest(`invalid limit ${JSON.stringify(text)}: must be an integer`);
  return Math.max(0, Number(text));
}

export async function listObjects(
  reader: ObjectReader,
  def: KindDefinition,
  namespace: string | undefined,
  query: ListQuery,
  options: { asText?: boolean } = {},
): Promise<ListResult | Status> {
  const selectors = parseSelectors(def, query);
  if ("kind" in selectors) return selectors;
  const limit = parseLimit(query.limit);
  if (typeof limit !== "number") return limit;
  const match = query.resourceVersionMatch ?? "";
  if (match !== "" && match !== "Exact" && match !== "NotOlderThan") {
    return badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  const rv = parseResourceVersion(query.resourceVersion);
  if (rv === null) return badRequest(`resourceVersion: Invalid value: ${JSON.stringify(query.resourceVersion)}: must be a non-negative integer`);
  if (match !== "" && rv === undefined) return badRequest(`resourceVersionMatch is forbidden unless resourceVersion is provided`);

  let after = { namespace: "", name: "" };
  let atRevision: number | undefined;
  const { current, compacted } = await reader.revisions();
  if (query.continue) {
    if (rv !== undefined && rv !== 0) return badRequest("specifying resource version is not allowed when using continue");
    const token = decodeContinue(query.continue);
    if (!token) return badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    if (token.rv < compacted) {
      const fresh = encodeContinue({ rv: current, after: token.after });
      const status = gone(continueExpired);
      status.metadata = { continue: fresh };
      return status;
    }
    after = token.after;
    atRevision = token.rv;
  } else if (rv !== undefined && rv !== 0) {
    if (match === "Exact") {
      if (rv < compacted) return gone(`The resourceVersion for the provided list is too old.`);
      if (rv > current) return tooLarge(rv, current);
      atRevision = rv;
    } else if (rv > current) {
      return tooLarge(rv, current);
    }
  }

  const filtering = !selectors.labels.isEmpty() || selectors.fields.requirements.length > 0;
  const attrs = (obj: KubeObject) => fieldsOf(def, obj);
  const items: KubeObject[] = [];
  const texts = options.asText && !filtering ? [] as string[] : undefined;
  const prefix = storedPrefix(storedApiVersion(def), def.kind);
  let revision = atRevision;
  let remaining = 0;
  let more = false;
  for (;;) {
    const want = limit > 0 && !filtering ? limit - (texts ?? items).length : chunk;
    const page = await reader.page({ resource: storageKey(def), namespace: def.namespaced ? namespace : "", after, limit: want, atRevision: revision });
    revision = page.revision;
    for (const row of page.rows) {
      after = { namespace: row.namespace, name: row.name };
      if (texts) {
        texts.push(storedJsonWithVersion(row.value, row.rv, prefix) ?? JSON.stringify(decodeStored(row.value, row.rv)));
        if (limit > 0 && texts.length === limit) break;
        continue;
      }
      const obj = decodeStored(row.value, row.rv);
      if (!selectors.labels.matches(obj.metadata.labels)) continue;
      const get = attrs(obj);
      if (!selectors.fields.matches((field) => get(field))) continue;
      items.push(obj);
      if (limit > 0 && items.length === limit) break;
    }
    const lastRow = page.rows[page.rows.length - 1];
    const stoppedEarly = lastRow !== undefined && (after.namespace !== lastRow.namespace || after.name !== lastRow.name);
    remaining = page.remaining + (stoppedEarly ? page.rows.length - page.rows.findIndex((r) => r.namespace === after.namespace && r.name === after.name) - 1 : 0);
    if (limit > 0 && (texts ?? items).length === limit) {
      more = remaining > 0;
      break;
    }
    if (page.remaining === 0) break;
  }

  const meta: ListMeta = { resourceVersion: String(revision ?? current) };
  if (more) {
    meta.continue = encodeContinue({ rv: revision ?? current, after });
    if (!filtering) meta.remainingItemCount = remaining;
  }
  return texts ? { items: [], itemsText: texts, meta } : { items, meta };
}

function tooLarge(rv: number, current: number): Status {
  const status = timeout(`Too large resource version: ${rv}, current: ${current}`, 1);
  status.details = { causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }], retryAfterSeconds: 1 };
  return status;
}

