// The paths and operations kube publishes for a kind: list, create, read, replace, patch, delete and
// deletecollection on the object and collection paths, the deprecated watch paths, the list across all
// namespaces, and the status and scale subresources, with kube's operation ids, actions and GVK tags.
// Only what the kind's verbs and subresources serve is listed.

import { verbsOf, type Verb } from "../../resources/definition.ts";
import { subresourcesOf } from "../discovery/served.ts";
import type { KindEntry } from "./definitions.ts";
import { metaNames } from "./meta-definitions.ts";
import {
  deleteCollectionParameters,
  deleteParameters,
  listParameters,
  parameters,
  patchParameters,
  writeParameters,
  type Parameter,
} from "./parameters.ts";
import type { GroupVersionKind } from "./schema.ts";

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
export type Action = "get" | "list" | "post" | "put" | "patch" | "delete" | "deletecollection" | "watch" | "watchlist";

export interface OperationResponse {
  code: "200" | "201" | "202" | "401";
  description: string;
  ref?: string;
}

export interface Operation {
  method: HttpMethod;
  operationId: string;
  description: string;
  action: Action;
  gvk: GroupVersionKind;
  tag: string;
  /** Query parameters of this operation alone, by name. */
  parameters: Parameter[];
  body?: { ref: string; required: boolean };
  consumes: string[];
  produces: string[];
  responses: OperationResponse[];
}

export interface PathItem {
  path: string;
  /** Parameters every operation of the path shares, by name. */
  parameters: Parameter[];
  operations: Operation[];
}

export const patchMediaTypes = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];
const objectMediaTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
const streamMediaTypes = [...objectMediaTypes, "application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch"];

/** kube's operation-id form of a path segment: letters kept, each run of other characters capitalizing the next letter. */
export function operationIdPart(text: string, capitalizeFirst: boolean): string {
  let out = "";
  let capitalize = capitalizeFirst;
  for (const [i, ch] of [...text].entries()) {
    const letter = /\p{L}/u.test(ch) || ch === "_" || (i > 0 && /\p{Nd}/u.test(ch));
    if (!letter) {
      capitalize = true;
      continue;
    }
    out += capitalize ? ch.toUpperCase() : ch;
    capitalize = false;
  }
  return out;
}

/** The group's name in operation ids and tags: "core", "apps", "coordination", "rbacAuthorization". */
function groupWord(group: string): string {
  return group === "" ? "core" : group.replace(/\.k8s\.io$/, "");
}

/** The URL prefix of a group version, and the path kube's v3 index names it by ("api/v1", "apis/apps/v1"). */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const ok = (ref: string): OperationResponse => ({ code: "200", description: "OK", ref });
const created = (ref: string): OperationResponse => ({ code: "201", description: "Created", ref });
const accepted = (ref: string): OperationResponse => ({ code: "202", description: "Accepted", ref });
const unauthorized: OperationResponse = { code: "401", description: "Unauthorized" };

export function pathsOf(entry: KindEntry): PathItem[] {
  const { def, gvk } = entry;
  const verbs = new Set<Verb>(verbsOf(def));
  const prefix = `/${groupVersionPath(def.group, def.version)}`;
  const idPrefix = operationIdPart(groupWord(def.group), true) + operationIdPart(def.version, true);
  const tag = `${operationIdPart(groupWord(def.group), false)}_${operationIdPart(def.version, false)}`;
  const scope = def.namespaced ? "Namespaced" : "";
  const collectionPath = def.namespaced ? `${prefix}/namespaces/{namespace}/${def.plural}` : `${prefix}/${def.plural}`;
  const scopeParameters = def.namespaced ? [parameters.namespace] : [];
  const name = parameters.name(def.kind);
  const kind = def.kind;
  // Custom resources are unstructured: JSON and YAML only, and no strategic merge patch (kubectl reads this).
  const objectTypes = def.unstructured ? objectMediaTypes.filter((t) => !t.includes("protobuf")) : objectMediaTypes;
  const streamTypes = def.unstructured ? streamMediaTypes.filter((t) => !t.includes("protobuf")) : streamMediaTypes;
  const patchTypes = def.unstructured ? patchMediaTypes.filter((t) => !t.includes("strategic")) : patchMediaTypes;

  const op = (
    method: HttpMethod,
    action: Action,
    verb: string,
    suffix: string,
    description: string,
    rest: Partial<Operation> & Pick<Operation, "responses">,
  ): Operation => ({
    method,
    action,
    operationId: `${verb}${idPrefix}${suffix}`,
    description,
    gvk: rest.gvk ?? gvk,
    tag,
    parameters: rest.parameters ?? [],
    body: rest.body,
    consumes: rest.consumes ?? ["*/*"],
    produces: rest.produces ?? objectTypes,
    responses: [...rest.responses, unauthorized],
  });

  const paths: PathItem[] = [];
  const add = (path: string, shared: Parameter[], operations: Operation[]) => {
    if (operations.length) paths.push({ path, parameters: byName([...shared, parameters.pretty]), operations });
  };

  // The collection: list, create, delete all.
  const collection: Operation[] = [];
  if (verbs.has("list")) {
    collection.push(
      op("get", "list", "list", `${scope}${kind}`, `List the ${kind} objects${def.namespaced ? " of a namespace" : ""}, or watch them with watch=true.`, {
        parameters: listParameters,
        produces: streamTypes,
        responses: [ok(entry.listName)],
      }),
    );
  }
  if (verbs.has("create")) {
    collection.push(
      op("post", "post", "create", `${scope}${kind}`, `Create a ${kind}.`, {
        parameters: writeParameters,
        body: { ref: entry.name, required: true },
        responses: [ok(entry.name), created(entry.name), accepted(entry.name)],
      }),
    );
  }
  if (verbs.has("deletecollection")) {
    collection.push(
      op("delete", "deletecollection", "delete", `Collection${scope}${kind}`, `Delete every ${kind} that matches the selectors.`, {
        parameters: deleteCollectionParameters,
        body: { ref: metaNames.deleteOptions, required: false },
        responses: [ok(metaNames.status)],
      }),
    );
  }
  add(collectionPath, scopeParameters, collection);

  // One object.
  const deleted = def.returnDeletedObject ? entry.name : metaNames.status;
  const object: Operation[] = [];
  if (verbs.has("get")) object.push(op("get", "get", "read", `${scope}${kind}`, `Read the named ${kind}.`, { responses: [ok(entry.name)] }));
  if (verbs.has("update")) {
    object.push(
      op("put", "put", "replace", `${scope}${kind}`, `Replace the named ${kind}.`, {
        parameters: writeParameters,
        body: { ref: entry.name, required: true },
        responses: [ok(entry.name), created(entry.name)],
      }),
    );
  }
  if (verbs.has("delete")) {
    object.push(
      op("delete", "delete", "delete", `${scope}${kind}`, `Delete the named ${kind}.`, {
        parameters: deleteParameters,
        body: { ref: metaNames.deleteOptions, required: false },
        responses: [ok(deleted), accepted(deleted)],
      }),
    );
  }
  if (verbs.has("patch")) {
    object.push(
      op("patch", "patch", "patch", `${scope}${kind}`, `Partially update the named ${kind}.`, {
        parameters: patchParameters,
        body: { ref: metaNames.patch, required: true },
        consumes: patchTypes,
        responses: [ok(entry.name), created(entry.name)],
      }),
    );
  }
  add(`${collectionPath}/{name}`, [name, ...scopeParameters], object);

  // Subresources answer with the kind itself (status) or with autoscaling/v1 Scale (scale).
  for (const sub of subresourcesOf(def)) {
    const isScale = sub.name === "scale";
    const ref = isScale ? metaNames.scale : entry.name;
    const subGvk = isScale ? { group: "autoscaling", version: "v1", kind: "Scale" } : gvk;
    const title = operationIdPart(sub.name, true);
    const suffix = `${scope}${kind}${title}`;
    const ops: Operation[] = [];
    if (sub.verbs.includes("get")) ops.push(op("get", "get", "read", suffix, `Read the ${sub.name} of the named ${kind}.`, { gvk: subGvk, responses: [ok(ref)] }));
    if (sub.verbs.includes("update")) {
      ops.push(
        op("put", "put", "replace", suffix, `Replace the ${sub.name} of the named ${kind}.`, {
          gvk: subGvk,
          parameters: writeParameters,
          body: { ref, required: true },
          responses: [ok(ref), created(ref)],
        }),
      );
    }
    if (sub.verbs.includes("patch")) {
      ops.push(
        op("patch", "patch", "patch", suffix, `Partially update the ${sub.name} of the named ${kind}.`, {
          gvk: subGvk,
          parameters: patchParameters,
          body: { ref: metaNames.patch, required: true },
          consumes: patchTypes,
          responses: [ok(ref), created(ref)],
        }),
      );
    }
    add(`${collectionPath}/{name}/${sub.name}`, [name, ...scopeParameters], ops);
  }

  if (def.namespaced && verbs.has("list")) {
    add(`${prefix}/${def.plural}`, listParameters, [
      op("get", "list", "list", `${kind}ForAllNamespaces`, `List the ${kind} objects of every namespace, or watch them with watch=true.`, {
        produces: streamTypes,
        responses: [ok(entry.listName)],
      }),
    ]);
  }

  // The deprecated watch paths, which kube still serves and publishes.
  if (verbs.has("watch")) {
    const watchOp = (action: Action, suffix: string, description: string) =>
      op("get", action, "watch", suffix, description, { produces: streamTypes, responses: [ok(metaNames.watchEvent)] });
    const watchPrefix = def.namespaced ? `${prefix}/watch/namespaces/{namespace}/${def.plural}` : `${prefix}/watch/${def.plural}`;
    add(watchPrefix, [...listParameters, ...scopeParameters], [watchOp("watchlist", `${scope}${kind}List`, `Watch the ${kind} objects. Deprecated: use list with watch=true.`)]);
    add(`${watchPrefix}/{name}`, [...listParameters, name, ...scopeParameters], [
      watchOp("watch", `${scope}${kind}`, `Watch the named ${kind}. Deprecated: use list with watch=true and a metadata.name field selector.`),
    ]);
    if (def.namespaced) {
      add(`${prefix}/watch/${def.plural}`, listParameters, [
        watchOp("watchlist", `${kind}ListForAllNamespaces`, `Watch the ${kind} objects of every namespace. Deprecated: use list with watch=true.`),
      ]);
    }
  }
  return paths;
}

function byName(list: Parameter[]): Parameter[] {
  return list.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
