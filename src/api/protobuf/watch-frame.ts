// Watch events in protobuf (`application/vnd.kubernetes.protobuf;stream=watch`), as kube's stream serializer
// writes them: each event a metav1.WatchEvent {type = 1, object = 2 RawExtension {raw = 1}} with no envelope of
// its own, whose raw holds the object in its full k8s envelope. Over HTTP each event is preceded by its length
// (4 bytes, big-endian); over WebSocket each event is one binary message.

import { WireError, WireReader, WireType, WireWriter } from "./wire.ts";

/** The WatchEvent message for an event whose object is already encoded (envelope included). */
export function encodeWatchEventMessage(type: string, object: Uint8Array): Uint8Array {
  const raw = new WireWriter();
  raw.tag(1, WireType.bytes).bytes(object);
  const w = new WireWriter();
  w.tag(1, WireType.bytes).string(type);
  w.tag(2, WireType.bytes).bytes(raw.finish());
  return w.finish();
}

/** Messages one after another, each behind its 4-byte big-endian length. */
export function lengthDelimited(messages: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const m of messages) size += 4 + m.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const m of messages) {
    view.setUint32(at, m.length, false);
    out.set(m, at + 4);
    at += 4 + m.length;
  }
  return out;
}

export interface DecodedWatchEvent {
  type: string;
  /** The object's bytes: a k8s envelope. */
  object: Uint8Array;
}

/** One WatchEvent message (throws WireError when malformed). */
export function decodeWatchEventMessage(bytes: Uint8Array): DecodedWatchEvent {
  const event: DecodedWatchEvent = { type: "", object: new Uint8Array(0) };
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.bytes) event.type = reader.string();
    else if (field === 2 && wireType === WireType.bytes) {
      const raw = reader.sub();
      while (!raw.done) {
        const inner = raw.tag();
        if (inner.field === 1 && inner.wireType === WireType.bytes) event.object = raw.bytes();
        else raw.skip(inner.wireType, inner.field);
      }
    } else if (field === 1 || field === 2) throw new WireError(`wrong wireType = ${wireType} for field ${field} of WatchEvent`);
    else reader.skip(wireType, field);
  }
  return event;
}

/**
 * Splits a length-delimited stream: the complete frames at the start of `buffer`, and what is left of it (a
 * frame not yet complete), as a client reading the stream chunk by chunk does.
 */
export function splitFrames(buffer: Uint8Array): { frames: Uint8Array[]; rest: Uint8Array } {
  const frames: Uint8Array[] = [];
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let at = 0;
  while (buffer.length - at >= 4) {
    const length = view.getUint32(at, false);
    if (buffer.length - at - 4 < length) break;
    frames.push(buffer.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return { frames, rest: buffer.subarray(at) };
}
