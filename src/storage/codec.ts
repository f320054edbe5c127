// Objects as stored: JSON without metadata.resourceVersion, which the log row id supplies on read.
// The one place where a revision number becomes the wire's resourceVersion string and back.

import type { KubeObject } from "../api/object.ts";

export function encodeStored(obj: KubeObject): string {
  const { resourceVersion: _, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}

export function decodeStored(value: string, rv: number): KubeObject {
  const obj = JSON.parse(value) as KubeObject;
  obj.metadata.resourceVersion = String(rv);
  return obj;
}

/** A resourceVersion from the wire as a revision number: undefined for "", null when it is not one. */
export function parseResourceVersion(value: string | undefined | null): number | undefined | null {
  if (value === undefined || value === null || value === "") return undefined;
  if (!/^[0-9]{1,15}$/.test(value)) return null;
  return Number(value);
}
