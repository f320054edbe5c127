// Objects as stored: JSON without metadata.resourceVersion, which the log row id supplies on read.
// The one place where a revision number becomes the wire's resourceVersion string and back.

import type { KubeObject } from "../api/object.ts";

/** apiVersion, kind and metadata come first, so a list can splice a resourceVersion in (storedJsonWithVersion). */
export function encodeStored(obj: KubeObject): string {
  const { resourceVersion: _, ...metadata } = obj.metadata;
  const { apiVersion, kind, metadata: _m, ...rest } = obj;
  return JSON.stringify({ apiVersion, kind, metadata, ...rest });
}

/**
 * A stored object's JSON text with its resourceVersion, made from the text without parsing it: for answers
 * that pass objects through as they are (lists). Undefined when the text is not laid out as encodeStored lays
 * it out for this apiVersion and kind (the caller decodes it instead).
 */
export function storedJsonWithVersion(value: string, rv: number, prefix: string): string | undefined {
  if (!value.startsWith(prefix)) return undefined;
  const version = `${prefix}"resourceVersion":"${rv}"`;
  return value.charCodeAt(prefix.length) === 125 /* "}": metadata is empty */ ? version + value.slice(prefix.length) : `${version},${value.slice(prefix.length)}`;
}

/** The text a stored object of this apiVersion and kind starts with, up to the inside of its metadata. */
export function storedPrefix(apiVersion: string, kind: string): string {
  return `{"apiVersion":${JSON.stringify(apiVersion)},"kind":${JSON.stringify(kind)},"metadata":{`;
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
