// What Go's JSON would not write back, dropped from a decoded JSON body: kube decodes a body into Go structs
// and answers with them, so `paused: false`, `nodeName: ""` or `port.name: ""` sent in JSON are never stored
// or answered. Which fields are omitempty comes from the protobuf layout (a number or bool's omitEmpty meta,
// and keep-empty-strings.ts for strings), so JSON and protobuf bodies of the same object store the same.

import type { z } from "zod";
import { isPlainObject } from "../object.ts";
import { goOmitsZero, messageDescriptor, type MessageDescriptor } from "./descriptor.ts";

const maxDepth = 100;

/** Drops, in place, the zero values Go's JSON leaves out, from an object of a kind with protobuf numbers. */
export function dropGoZeros(obj: Record<string, unknown>, schema: z.core.$ZodType): void {
  let descriptor: MessageDescriptor;
  try {
    descriptor = messageDescriptor(schema, { topLevel: true });
  } catch {
    return; // a schema without a protobuf layout (no Go struct behind it) keeps what it was sent
  }
  walk(obj, descriptor, 0);
}

function walk(target: Record<string, unknown>, descriptor: MessageDescriptor, depth: number): void {
  if (depth > maxDepth) return;
  for (const f of descriptor.fields) {
    if (f.value.kind === "message") {
      const message = f.value.message;
      if (f.shape === "inline") walk(target, message, depth + 1);
      const value = target[f.name];
      const items = f.shape === "single" ? [value] : f.shape === "repeated" && Array.isArray(value) ? value : f.shape === "map" && isPlainObject(value) ? Object.values(value) : [];
      for (const item of items) if (isPlainObject(item)) walk(item, message, depth + 1);
    } else if (f.shape === "single" && f.name in target && goOmitsZero(f, target[f.name])) {
      delete target[f.name];
    }
  }
}
