// Kubernetes' protobuf envelope: the magic "k8s\0", then a runtime.Unknown message
// {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3, contentType = 4} whose raw holds
// the object's own message.

import { WireError, WireReader, WireType, WireWriter } from "./wire.ts";

export const protobufMagic = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; error: string };

export function hasProtobufMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && protobufMagic.every((b, i) => bytes[i] === b);
}

function decodeTypeMeta(reader: WireReader, into: Envelope): void {
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.bytes) into.apiVersion = reader.string();
    else if (field === 2 && wireType === WireType.bytes) into.kind = reader.string();
    else if (field === 1 || field === 2) throw new WireError(`wrong wireType = ${wireType} for field TypeMeta`);
    else reader.skip(wireType, field);
  }
}

/** The envelope of a body; never throws. */
export function decodeEnvelope(bytes: Uint8Array): EnvelopeResult {
  if (!hasProtobufMagic(bytes)) {
    return { ok: false, error: "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]" };
  }
  const envelope: Envelope = { apiVersion: "", kind: "", raw: new Uint8Array(0), contentEncoding: "", contentType: "" };
  try {
    const reader = new WireReader(bytes, protobufMagic.length);
    while (!reader.done) {
      const { field, wireType } = reader.tag();
      if (field >= 1 && field <= 4 && wireType !== WireType.bytes) throw new WireError(`wrong wireType = ${wireType} for field ${field} of runtime.Unknown`);
      if (field === 1) decodeTypeMeta(reader.sub(), envelope);
      else if (field === 2) envelope.raw = reader.bytes();
      else if (field === 3) envelope.contentEncoding = reader.string();
      else if (field === 4) envelope.contentType = reader.string();
      else reader.skip(wireType, field);
    }
  } catch (error) {
    return { ok: false, error: `the protobuf envelope (runtime.Unknown) is malformed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, envelope };
}

/** Wraps a message as Go does: typeMeta and raw, then empty contentEncoding and contentType. */
export function encodeEnvelope(typeMeta: { apiVersion: string; kind: string }, raw: Uint8Array): Uint8Array {
  const meta = new WireWriter();
  meta.tag(1, WireType.bytes).string(typeMeta.apiVersion);
  meta.tag(2, WireType.bytes).string(typeMeta.kind);
  const w = new WireWriter().raw(protobufMagic);
  w.tag(1, WireType.bytes).bytes(meta.finish());
  w.tag(2, WireType.bytes).bytes(raw);
  w.tag(3, WireType.bytes).string("");
  w.tag(4, WireType.bytes).string("");
  return w.finish();
}
