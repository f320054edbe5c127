// The special types of Kubernetes' wire format (schema-meta.ts ProtoType): how each maps between its JSON form
// and its protobuf message. Times, durations and quantities keep Go's text forms exactly.

import { WireError, WireReader, WireWriter } from "./wire.ts";

// ---- bytes: standard base64 in JSON

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new WireError("illegal base64 data");
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// ---- Time and MicroTime: {seconds: int64 = 1, nanos: int32 = 2}; an empty message is Go's zero time

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** RFC 3339 in UTC, whole seconds (Time) or six fractional digits (MicroTime), as metav1 writes them. */
export function formatTime(seconds: number, nanos: number, micro: boolean): string {
  const carry = Math.floor(nanos / 1e9);
  const secs = seconds + carry;
  const frac = nanos - carry * 1e9;
  const date = new Date(secs * 1000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) throw new WireError("Time.MarshalJSON: year outside of range [0,9999]");
  const text =
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  return micro ? `${text}.${pad(Math.floor(frac / 1000), 6)}Z` : `${text}Z`;
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function parseTime(text: string): { seconds: number; nanos: number } {
  const m = rfc3339.exec(text);
  if (!m) throw new WireError(`time ${JSON.stringify(text)} is not RFC 3339`);
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
  const offset = m[8] ? 0 : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  return { seconds: date.getTime() / 1000 - offset, nanos: Number((m[7] ?? "").padEnd(9, "0")) };
}

export function decodeTime(reader: WireReader, micro: boolean): string | undefined {
  if (reader.done) return undefined;
  let seconds = 0;
  let nanos = 0;
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 0) seconds = reader.int64();
    else if (field === 2 && wireType === 0) nanos = reader.int32();
    else reader.skip(wireType, field);
  }
  return formatTime(seconds, nanos, micro);
}

export function encodeTime(w: WireWriter, text: string): void {
  const { seconds, nanos } = parseTime(text);
  w.tag(1, 0).int64(seconds);
  w.tag(2, 0).int32(nanos);
}

// ---- Duration: {duration: int64 = 1} in nanoseconds; Go's time.Duration text in JSON

const second = 1_000_000_000n;

function trimFraction(value: bigint, digits: number): string {
  const text = value.toString().padStart(digits, "0").replace(/0+$/, "");
  return text ? `.${text}` : "";
}

/** time.Duration.String(): "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return "0s";
  const sign = ns < 0n ? "-" : "";
  const u = ns < 0n ? -ns : ns;
  if (u < second) {
    if (u < 1_000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${u / 1_000n}${trimFraction(u % 1_000n, 3)}µs`;
    return `${sign}${u / 1_000_000n}${trimFraction(u % 1_000_000n, 6)}ms`;
  }
  const fraction = trimFraction(u % second, 9);
  const totalSeconds = u / second;
  const secs = `${totalSeconds % 60n}${fraction}s`;
  const totalMinutes = totalSeconds / 60n;
  if (totalMinutes === 0n) return `${sign}${secs}`;
  const mins = `${totalMinutes % 60n}m`;
  const hours = totalMinutes / 60n;
  return hours === 0n ? `${sign}${mins}${secs}` : `${sign}${hours}h${mins}${secs}`;
}

const durationUnits: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  "µs": 1_000n,
  "μs": 1_000n,
  ms: 1_000_000n,
  s: second,
  m: 60n * second,
  h: 3600n * second,
};

/** time.ParseDuration. */
export function parseDuration(text: string): bigint {
  const bad = () => new WireError(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") throw bad();
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/;
  while (rest !== "") {
    const m = part.exec(rest);
    if (!m || (m[1] === "" && (m[2] ?? "") === "")) throw bad();
    const unit = durationUnits[m[3]];
    if (unit === undefined) throw new WireError(`time: unknown unit ${JSON.stringify(m[3])} in duration ${JSON.stringify(text)}`);
    const fraction = m[2] ?? "";
    total += BigInt(m[1] || "0") * unit + (fraction ? (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length) : 0n);
    rest = rest.slice(m[0].length);
  }
  return negative ? -total : total;
}

export function decodeDuration(reader: WireReader): string {
  let ns = 0n;
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 0) ns = reader.int64Big();
    else reader.skip(wireType, field);
  }
  return formatDuration(ns);
}

export function encodeDuration(w: WireWriter, text: string): void {
  w.tag(1, 0).int64Big(parseDuration(text));
}

// ---- Quantity: {string: string = 1}

export function decodeQuantity(reader: WireReader): string {
  let text = "0";
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 2) text = reader.string();
    else reader.skip(wireType, field);
  }
  return text;
}

export function encodeQuantity(w: WireWriter, value: string | number): void {
  w.tag(1, 2).string(String(value));
}

// ---- IntOrString: {type: int64 = 1 (0 int, 1 string), intVal: int32 = 2, strVal: string = 3}

export function decodeIntOrString(reader: WireReader): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = "";
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 0) type = reader.int64();
    else if (field === 2 && wireType === 0) intVal = reader.int32();
    else if (field === 3 && wireType === 2) strVal = reader.string();
    else reader.skip(wireType, field);
  }
  return type === 1 ? strVal : intVal;
}

/** All three fields, always, as Go's generated code writes them. */
export function encodeIntOrString(w: WireWriter, value: number | string): void {
  const isString = typeof value === "string";
  w.tag(1, 0).int64(isString ? 1 : 0);
  w.tag(2, 0).int32(isString ? 0 : value);
  w.tag(3, 2).string(isString ? value : "");
}

// ---- RawExtension, apiextensions JSON and FieldsV1: {raw: bytes = 1} holding JSON

const magic = [0x6b, 0x38, 0x73, 0x00];

export function decodeEmbeddedJson(reader: WireReader): unknown {
  let raw: Uint8Array | undefined;
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 2) raw = reader.bytes();
    else reader.skip(wireType, field);
  }
  if (!raw || raw.length === 0) return undefined;
  if (magic.every((b, i) => raw[i] === b)) throw new WireError("an embedded object in protobuf form is not supported; send it as JSON");
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw));
  } catch (error) {
    throw new WireError(`embedded JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function encodeEmbeddedJson(w: WireWriter, value: unknown): void {
  w.tag(1, 2).string(JSON.stringify(value));
}
