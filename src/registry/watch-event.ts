// A watch event as the client reads it: {"type", "object"}, the object as JSON or as a one-row Table; or, for
// a protobuf watch, a WatchEvent message holding the object in its k8s envelope (api/protobuf/watch-frame.ts).

import { servedObject } from "./served-version.ts";
import type { KubeObject } from "../api/object.ts";
import { internalError } from "../api/errors.ts";
import { EncodeError } from "../api/protobuf/codec.ts";
import { encodeKubeObject, encodeObject, statusType } from "../api/protobuf/kube-object.ts";
import { encodeWatchEventMessage, lengthDelimited } from "../api/protobuf/watch-frame.ts";
import type { Status } from "../api/status.ts";
import { toTable } from "../http/table.ts";
import type { KindDefinition } from "../resources/definition.ts";
import type { WatchEventType, WatchSpec } from "./watch-spec.ts";

/** One encoded event: a JSON line (without its newline) or a protobuf WatchEvent message (without its length). */
export type WatchPayload = string | Uint8Array;

export function encodeWatchEvent(type: WatchEventType, stored: KubeObject | Status, spec: WatchSpec, def: KindDefinition, withColumns: boolean, now: Date): WatchPayload {
  const object = type === "ERROR" || type === "BOOKMARK" ? stored : servedObject(def, stored as KubeObject);
  if (spec.format.type === "protobuf") {
    if (type === "ERROR") return encodeWatchEventMessage(type, encodeObject({ ...(object as Status) }, statusType));
    try {
      return encodeWatchEventMessage(type, encodeKubeObject(object as KubeObject, def));
    } catch (error) {
      // An object that does not fit its kind's schema cannot go on a protobuf stream: say so in the stream.
      if (!(error instanceof EncodeError)) throw error;
      return encodeWatchEventMessage("ERROR", encodeObject({ ...internalError(`cannot encode ${def.kind} as protobuf: ${error.message}`) }, statusType));
    }
  }
  if (spec.format.type === "json" || type === "ERROR") return JSON.stringify({ type, object });
  const obj = object as KubeObject;
  const table = toTable(def, type === "BOOKMARK" ? [] : [obj], { resourceVersion: obj.metadata.resourceVersion }, {
    version: spec.format.version,
    includeObject: spec.format.includeObject,
    now,
  }) as { columnDefinitions?: unknown; rows?: { object?: unknown }[] };
  if (!withColumns) table.columnDefinitions = [];
  if (type === "BOOKMARK") return JSON.stringify({ type, object: bookmarkObject(def, obj) });
  return JSON.stringify({ type, object: table });
}

const newline = new TextEncoder();

/**
 * Events as one message to the Worker relaying an HTTP watch, exactly the bytes of the HTTP stream: JSON lines
 * each ended by a newline, or protobuf messages each behind its 4-byte big-endian length.
 */
export function relayMessage(payloads: readonly WatchPayload[]): Uint8Array {
  const lines = payloads.filter((p) => typeof p === "string");
  if (lines.length === 0) return lengthDelimited(payloads as Uint8Array[]);
  return newline.encode(lines.join("\n") + "\n"); // one format per watcher: all lines, or all messages
}

/** A relay message holds events up to about this many bytes (always at least one event). */
export const relayMessageBytes = 1024 * 1024;

/**
 * A round's events as HTTP stream bytes, cut into messages of about relayMessageBytes: a socket message has a
 * size limit, and a client's unread backlog is counted per message.
 */
export function relayMessages(payloads: readonly WatchPayload[], maxBytes = relayMessageBytes): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < payloads.length; i++) {
    const bytes = typeof payloads[i] === "string" ? (payloads[i] as string).length : (payloads[i] as Uint8Array).byteLength;
    if (i > start && size + bytes > maxBytes) {
      messages.push(relayMessage(payloads.slice(start, i)));
      start = i;
      size = 0;
    }
    size += bytes;
  }
  if (start < payloads.length) messages.push(relayMessage(payloads.slice(start)));
  return messages;
}

/**
 * One event as a message to a watcher's socket: to a relay, its bytes on the HTTP stream (a JSON line goes as
 * text; the relay adds the newline); to a client's own WebSocket, one JSON text frame or one binary WatchEvent.
 */
export function socketMessage(payload: WatchPayload, relay: boolean): string | Uint8Array {
  return relay && typeof payload !== "string" ? lengthDelimited([payload]) : payload;
}

/** A BOOKMARK carries only the kind and a resourceVersion (and, at the end of initial events, an annotation). */
export function bookmarkObject(def: KindDefinition, obj: KubeObject): KubeObject {
  return { kind: def.kind, apiVersion: def.group ? `${def.group}/${def.version}` : def.version, metadata: obj.metadata };
}
