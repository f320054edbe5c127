// JSON patch (RFC 6902): add, remove, replace, move, copy, test over JSON pointers (RFC 6901).
// Errors are strings in the wording kube's json-patch library uses; the caller makes them a Status.

import { cloneJson, isPlainObject } from "./object.ts";

export class JsonPatchError extends Error {}

type Container = Record<string, unknown> | unknown[];

function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== "string") throw new JsonPatchError("missing path");
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new JsonPatchError(`invalid JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function arrayIndex(arr: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === "-") return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`Unable to access invalid index: ${token}`);
  const index = Number(token);
  if (index > arr.length || (!forAdd && index === arr.length)) throw new JsonPatchError(`Unable to access invalid index: ${index}`);
  return index;
}

/** The container holding the pointer's last token, and that token. */
function locate(doc: unknown, path: string[], op: string, pointer: string): { parent: Container; key: string } {
  let node = doc;
  for (const token of path.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, false)];
    else if (isPlainObject(node) && token in node) node = node[token];
    else throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${pointer}"`);
  }
  if (!Array.isArray(node) && !isPlainObject(node)) throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${pointer}"`);
  return { parent: node, key: path[path.length - 1] };
}

function get(doc: unknown, pointer: string, op: string): unknown {
  let node = doc;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, false)];
    else if (isPlainObject(node) && token in node) node = node[token];
    else throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${pointer}"`);
  }
  return node;
}

function add(doc: unknown, pointer: string, value: unknown): unknown {
  const path = parsePointer(pointer);
  if (path.length === 0) return value;
  const { parent, key } = locate(doc, path, "add", pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: unknown, pointer: string, op = "remove"): unknown {
  const path = parsePointer(pointer);
  if (path.length === 0) throw new JsonPatchError(`${op} operation does not apply: cannot remove the whole document`);
  const { parent, key } = locate(doc, path, op, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else if (key in parent) delete parent[key];
  else throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${pointer}"`);
  return doc;
}

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && equal(a[k], b[k]));
  }
  return a === b;
}

export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new JsonPatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = cloneJson(document);
  for (const operation of patch) {
    if (!isPlainObject(operation)) throw new JsonPatchError("invalid operation: not an object");
    const { op, path, from, value } = operation as { op?: unknown; path?: unknown; from?: unknown; value?: unknown };
    const pointer = typeof path === "string" ? path : "";
    if (typeof path !== "string") throw new JsonPatchError(`${String(op)} operation does not apply: missing path`);
    switch (op) {
      case "add":
        if (!("value" in operation)) throw new JsonPatchError("add operation does not apply: missing value");
        doc = add(doc, pointer, cloneJson(value));
        break;
      case "remove":
        doc = remove(doc, pointer);
        break;
      case "replace": {
        if (!("value" in operation)) throw new JsonPatchError("replace operation does not apply: missing value");
        const p = parsePointer(pointer);
        if (p.length === 0) {
          doc = cloneJson(value);
          break;
        }
        const { parent, key } = locate(doc, p, "replace", pointer);
        if (Array.isArray(parent)) parent[arrayIndex(parent, key, false)] = cloneJson(value);
        else if (key in parent) parent[key] = cloneJson(value);
        else throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${pointer}`);
        break;
      }
      case "move": {
        if (typeof from !== "string") throw new JsonPatchError("move operation does not apply: missing from");
        const moved = get(doc, from, "move");
        doc = add(remove(doc, from, "move"), pointer, moved);
        break;
      }
      case "copy": {
        if (typeof from !== "string") throw new JsonPatchError("copy operation does not apply: missing from");
        doc = add(doc, pointer, cloneJson(get(doc, from, "copy")));
        break;
      }
      case "test": {
        const actual = get(doc, pointer, "test");
        if (!equal(actual, value)) throw new JsonPatchError(`testing value ${pointer} failed: test failed`);
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}
