// The generic codec: protobuf bytes <-> the JSON form of a message, driven by a zod schema's annotations
// (descriptor.ts). Decoding never throws: malformed bytes or an unusable schema come back as an error value.

import type { z } from "zod";
import { isPlainObject } from "../object.ts";
import { goOmitsZero, messageDescriptor, SchemaError, type FieldDescriptor, type MessageDescriptor, type ScalarType, type ValueDescriptor } from "./descriptor.ts";
import {
  base64ToBytes,
  bytesToBase64,
  decodeDuration,
  decodeEmbeddedJson,
  decodeIntOrString,
  decodeQuantity,
  decodeTime,
  encodeDuration,
  encodeEmbeddedJson,
  encodeIntOrString,
  encodeQuantity,
  encodeTime,
} from "./well-known.ts";
import { WireError, WireReader, WireType, WireWriter, type WireTypeNumber } from "./wire.ts";

export interface CodecOptions {
  /** The schema is a kind's own: its unnumbered `metadata` is ObjectMeta, field 1. */
  topLevel?: boolean;
}

export interface DecodeOptions extends CodecOptions {
  /**
   * Leave out what Go writes in protobuf but not in JSON: empty strings (Go writes its non-pointer strings
   * even when empty, and omits them from JSON unless keep-empty-strings.ts lists them), and the zero (0,
   * false) of a number or bool field marked omitEmpty (schema-meta.ts). This makes the JSON a Go client meant.
   * Map values and list items are kept.
   */
  omitEmpty?: boolean;
}

export type DecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

const maxDepth = 100;

/** Decodes one message into its JSON form; what is on the wire is what comes back (see omitEmpty). */
export function decodeMessage(bytes: Uint8Array, schema: z.core.$ZodType, options: DecodeOptions = {}): DecodeResult {
  try {
    const descriptor = messageDescriptor(schema, options);
    const value: Record<string, unknown> = {};
    decodeFields(new WireReader(bytes), descriptor, value, options, 0);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof WireError) return { ok: false, error: error.message };
    if (error instanceof SchemaError) return { ok: false, error: `schema: ${error.message}` };
    return { ok: false, error: `malformed protobuf: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const scalarWireTypes: Record<ScalarType, WireTypeNumber> = {
  string: WireType.bytes,
  bool: WireType.varint,
  int32: WireType.varint,
  int64: WireType.varint,
  double: WireType.fixed64,
  bytes: WireType.bytes,
  Time: WireType.bytes,
  MicroTime: WireType.bytes,
  Duration: WireType.bytes,
  Quantity: WireType.bytes,
  IntOrString: WireType.bytes,
  RawExtension: WireType.bytes,
  JSON: WireType.bytes,
  StringList: WireType.bytes,
};

function wireTypeOf(value: ValueDescriptor): WireTypeNumber {
  return value.kind === "message" ? WireType.bytes : scalarWireTypes[value.type];
}

function decodeFields(reader: WireReader, descriptor: MessageDescriptor, target: Record<string, unknown>, options: DecodeOptions, depth: number): void {
  if (depth > maxDepth) throw new WireError("messages nested too deeply");
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    const f = descriptor.byNumber.get(field);
    if (!f) {
      reader.skip(wireType, field); // kube ignores fields it does not know
      continue;
    }
    const expected = wireTypeOf(f.value);
    if (f.shape === "repeated" && wireType === WireType.bytes && expected !== WireType.bytes) {
      // A packed repeated number: its values one after another in one length-delimited field.
      const packed = reader.sub();
      const list = listOf(target, f);
      while (!packed.done) list.push(decodeValue(packed, f.value, options, depth));
      continue;
    }
    if (wireType !== expected) throw new WireError(`wrong wireType = ${wireType} for field ${f.name}`);
    if (f.shape === "inline" && f.value.kind === "message") decodeFields(reader.sub(), f.value.message, target, options, depth + 1);
    else if (f.shape === "repeated") listOf(target, f).push(decodeValue(reader, f.value, options, depth));
    else if (f.shape === "map") decodeMapEntry(reader.sub(), f, mapOf(target, f), options, depth);
    else if (f.value.kind === "message" && isPlainObject(target[f.name])) {
      decodeFields(reader.sub(), f.value.message, target[f.name] as Record<string, unknown>, options, depth + 1); // a repeated occurrence merges
    } else {
      const value = decodeValue(reader, f.value, options, depth);
      if (value === undefined || (options.omitEmpty && goOmitsZero(f, value))) delete target[f.name];
      else target[f.name] = value;
    }
  }
}


function listOf(target: Record<string, unknown>, f: FieldDescriptor): unknown[] {
  const existing = target[f.name];
  if (Array.isArray(existing)) return existing;
  const list: unknown[] = [];
  target[f.name] = list;
  return list;
}

function mapOf(target: Record<string, unknown>, f: FieldDescriptor): Record<string, unknown> {
  const existing = target[f.name];
  if (isPlainObject(existing)) return existing;
  const map: Record<string, unknown> = {};
  target[f.name] = map;
  return map;
}

/** One map entry: {key = 1, value = 2}; a missing key or value is its zero value. */
function decodeMapEntry(entry: WireReader, f: FieldDescriptor, map: Record<string, unknown>, options: DecodeOptions, depth: number): void {
  let key = "";
  let value: unknown;
  const expected = wireTypeOf(f.value);
  while (!entry.done) {
    const { field, wireType } = entry.tag();
    if (field === 1 && wireType === WireType.bytes) key = entry.string();
    else if (field === 2 && wireType === expected) value = decodeValue(entry, f.value, options, depth);
    else if (field === 1 || field === 2) throw new WireError(`wrong wireType = ${wireType} for field ${f.name}`);
    else entry.skip(wireType, field);
  }
  // defineProperty: a key such as "__proto__" is an own entry, as JSON.parse makes it, not a prototype.
  Object.defineProperty(map, key, { value: value ?? zeroValue(f.value, options, depth), enumerable: true, writable: true, configurable: true });
}

function zeroValue(value: ValueDescriptor, options: DecodeOptions, depth: number): unknown {
  const empty = new WireReader(new Uint8Array(0));
  if (value.kind === "message" || scalarWireTypes[value.type] === WireType.bytes) {
    return decodeLengthDelimited(empty, value, options, depth) ?? null;
  }
  return value.type === "bool" ? false : 0;
}

function decodeValue(reader: WireReader, value: ValueDescriptor, options: DecodeOptions, depth: number): unknown {
  if (value.kind === "scalar") {
    switch (value.type) {
      case "bool":
        return reader.bool();
      case "int32":
        return reader.int32();
      case "int64":
        return reader.int64();
      case "double":
        return reader.double();
      case "string":
        return reader.string();
      case "bytes":
        return bytesToBase64(reader.bytes());
    }
  }
  return decodeLengthDelimited(reader.sub(), value, options, depth);
}

/** A message or a special type, from the reader over its content. */
function decodeLengthDelimited(content: WireReader, value: ValueDescriptor, options: DecodeOptions, depth: number): unknown {
  if (value.kind === "message") {
    const out: Record<string, unknown> = {};
    decodeFields(content, value.message, out, options, depth + 1);
    return out;
  }
  switch (value.type) {
    case "string":
      return new TextDecoder().decode(content.buf.subarray(content.pos, content.end));
    case "bytes":
      return bytesToBase64(content.buf.subarray(content.pos, content.end));
    case "Time":
      return decodeTime(content, false);
    case "MicroTime":
      return decodeTime(content, true);
    case "Duration":
      return decodeDuration(content);
    case "Quantity":
      return decodeQuantity(content);
    case "IntOrString":
      return decodeIntOrString(content);
    case "RawExtension":
    case "JSON":
      return decodeEmbeddedJson(content);
    case "StringList":
      return decodeStringList(content);
    default:
      throw new WireError(`${value.type} is not length-delimited`);
  }
}

/** {items: repeated string = 1}: the strings, in order; other fields are skipped. */
function decodeStringList(content: WireReader): string[] {
  const items: string[] = [];
  while (!content.done) {
    const { field, wireType } = content.tag();
    if (field === 1 && wireType === WireType.bytes) items.push(content.string());
    else if (field === 1) throw new WireError(`wrong wireType = ${wireType} for field items`);
    else content.skip(wireType, field);
  }
  return items;
}

// ---- encoding

/** A JSON value that does not fit the schema it is encoded with (a bug in the caller, not in a request). */
export class EncodeError extends Error {}

export interface EncodeOptions extends CodecOptions {
  /**
   * Refuse (EncodeError) a JSON field the schema gives no number, rather than leave it out: for answers, where
   * a field silently missing from protobuf would be data lost to the client (who could have had JSON).
   * A top-level apiVersion and kind are the envelope's, never refused.
   */
  lossless?: boolean;
}

/** Encodes the JSON form of a message; fields absent or null are left out. Throws EncodeError on a mismatch. */
export function encodeMessage(json: Record<string, unknown>, schema: z.core.$ZodType, options: EncodeOptions = {}): Uint8Array {
  // Nested messages are written in place (WireWriter.begin): one buffer, sized for a typical object.
  const writer = new WireWriter(4096);
  try {
    const descriptor = messageDescriptor(schema, options);
    if (options.lossless) checkLossless(descriptor, json, "", options.topLevel === true);
    encodeFields(writer, descriptor, json, "");
  } catch (error) {
    if (error instanceof EncodeError) throw error;
    throw new EncodeError(error instanceof Error ? error.message : String(error));
  }
  return writer.finish();
}

/** The JSON names a message carries, those of its inline (embedded) messages included. */
const knownNames = new WeakMap<MessageDescriptor, Set<string>>();
function namesOf(descriptor: MessageDescriptor): Set<string> {
  let names = knownNames.get(descriptor);
  if (!names) {
    names = new Set();
    for (const f of descriptor.fields) {
      if (f.shape === "inline" && f.value.kind === "message") for (const n of namesOf(f.value.message)) names.add(n);
      else names.add(f.name);
    }
    knownNames.set(descriptor, names);
  }
  return names;
}

/** Throws EncodeError at the first field (at any depth) that has no number, unless its value is null. */
function checkLossless(descriptor: MessageDescriptor, json: Record<string, unknown>, path: string, topLevel: boolean): void {
  const names = namesOf(descriptor);
  for (const key of Object.keys(json)) {
    if (names.has(key) || json[key] === null || json[key] === undefined) continue;
    if (topLevel && (key === "apiVersion" || key === "kind")) continue;
    throw new EncodeError(`${path ? `${path}.` : ""}${key}: no protobuf field`);
  }
  for (const f of descriptor.fields) {
    if (f.shape === "inline") {
      if (f.value.kind === "message") checkNested(f.value.message, json, path);
      continue;
    }
    const value = json[f.name];
    if (f.value.kind !== "message" || value === undefined || value === null) continue;
    const at = path ? `${path}.${f.name}` : f.name;
    const message = f.value.message;
    if (f.shape === "repeated" && Array.isArray(value)) value.forEach((item, i) => isPlainObject(item) && checkLossless(message, item, `${at}[${i}]`, false));
    else if (f.shape === "map" && isPlainObject(value)) for (const [k, item] of Object.entries(value)) isPlainObject(item) && checkLossless(message, item, `${at}[${k}]`, false);
    else if (isPlainObject(value)) checkLossless(message, value, at, false);
  }
}

/** An inline message's own nested messages (its names are checked with its parent's). */
function checkNested(descriptor: MessageDescriptor, json: Record<string, unknown>, path: string): void {
  const subset: Record<string, unknown> = {};
  for (const name of namesOf(descriptor)) if (name in json) subset[name] = json[name];
  checkLossless(descriptor, subset, path, false);
}

function encodeFields(w: WireWriter, descriptor: MessageDescriptor, json: Record<string, unknown>, path: string): void {
  for (const f of descriptor.fields) {
    if (f.shape === "inline" && f.value.kind === "message") {
      // Go writes an embedded struct always, even with nothing in it.
      w.tag(f.number, WireType.bytes);
      const start = w.begin();
      encodeFields(w, f.value.message, json, path);
      w.end(start);
      continue;
    }
    const value = json[f.name];
    if (value === undefined || value === null) continue;
    if (f.shape === "repeated") {
      if (!Array.isArray(value)) throw new EncodeError(`${where(path, f.name)}: expected an array`);
      for (let i = 0; i < value.length; i++) encodeValue(w, f.number, f.value, value[i], path, f.name, i);
    } else if (f.shape === "map") {
      if (!isPlainObject(value)) throw new EncodeError(`${where(path, f.name)}: expected an object`);
      for (const key of sortedKeys(value)) {
        w.tag(f.number, WireType.bytes);
        const start = w.begin();
        w.tag(1, WireType.bytes).string(key);
        if (value[key] !== null && value[key] !== undefined) encodeValue(w, 2, f.value, value[key], path, f.name, key);
        w.end(start);
      }
    } else encodeValue(w, f.number, f.value, value, path, f.name);
  }
}

/** A field's path for messages: built only for an error, or when descending into a nested message. */
function where(path: string, name: string, index?: number | string): string {
  const field = path ? `${path}.${name}` : name;
  return index === undefined ? field : `${field}[${index}]`;
}

/** A map's keys in Go's order. */
function sortedKeys(map: Record<string, unknown>): string[] {
  const keys = Object.keys(map);
  if (keys.length < 2) return keys;
  return keys.some((k) => /[\uD800-\uDFFF]/.test(k)) ? keys.sort(compareCodePoints) : keys.sort();
}

/** Go sorts map keys by their UTF-8 bytes: code point order, which differs from JS order only for surrogates. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function expect<T>(ok: boolean, value: unknown, what: string, path: string, name: string, index?: number | string): T {
  if (!ok) throw new EncodeError(`${where(path, name, index)}: expected ${what}, got ${JSON.stringify(value)}`);
  return value as T;
}

function encodeValue(w: WireWriter, number: number, value: ValueDescriptor, json: unknown, path: string, name: string, index?: number | string): void {
  const check = <T>(ok: boolean, what: string): T => expect<T>(ok, json, what, path, name, index);
  if (value.kind === "message") {
    const fields = check<Record<string, unknown>>(isPlainObject(json), "an object");
    w.tag(number, WireType.bytes);
    const start = w.begin();
    encodeFields(w, value.message, fields, where(path, name, index));
    w.end(start);
    return;
  }
  const isInt = typeof json === "number" && Number.isInteger(json);
  switch (value.type) {
    case "string":
      w.tag(number, WireType.bytes).string(check<string>(typeof json === "string", "a string"));
      return;
    case "bool":
      w.tag(number, WireType.varint).bool(check<boolean>(typeof json === "boolean", "a boolean"));
      return;
    case "int32":
      w.tag(number, WireType.varint).int32(check<number>(isInt && (json as number) >= -(2 ** 31) && (json as number) < 2 ** 31, "an int32"));
      return;
    case "int64":
      w.tag(number, WireType.varint).int64(check<number>(isInt, "an integer"));
      return;
    case "double":
      w.tag(number, WireType.fixed64).double(check<number>(typeof json === "number", "a number"));
      return;
    case "bytes":
      w.tag(number, WireType.bytes).bytes(base64ToBytes(check<string>(typeof json === "string", "a base64 string")));
      return;
  }
  w.tag(number, WireType.bytes);
  const start = w.begin();
  switch (value.type) {
    case "Time":
    case "MicroTime":
      encodeTime(w, check<string>(typeof json === "string", "an RFC 3339 time"));
      break;
    case "Duration":
      encodeDuration(w, check<string>(typeof json === "string", "a duration"));
      break;
    case "Quantity":
      encodeQuantity(w, check<string | number>(typeof json === "string" || typeof json === "number", "a quantity"));
      break;
    case "IntOrString":
      encodeIntOrString(w, check<string | number>(typeof json === "string" || isInt, "an int or a string"));
      break;
    case "RawExtension":
    case "JSON":
      encodeEmbeddedJson(w, json);
      break;
    case "StringList":
      for (const item of check<string[]>(Array.isArray(json) && json.every((x) => typeof x === "string"), "a list of strings")) w.tag(1, WireType.bytes).string(item);
      break;
  }
  w.end(start);
}
