// Calls the Worker as a protobuf client (client-go's typed clients) does, and reads protobuf watch streams
// frame by frame.
import { exports } from "cloudflare:workers";
import { decodeWatchEventMessage, splitFrames, type DecodedWatchEvent } from "../../../src/api/protobuf/watch-frame.ts";
import { adminToken } from "./api.ts";

export const protobuf = "application/vnd.kubernetes.protobuf";
/** What client-go sends when its content type is protobuf. */
export const protobufAccept = `${protobuf}, application/json`;

export interface BinaryResponse {
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
}

export async function call(method: string, path: string, options: { accept?: string; body?: Uint8Array | string; contentType?: string } = {}): Promise<BinaryResponse> {
  const headers: Record<string, string> = { Authorization: `Bearer ${adminToken}`, Accept: options.accept ?? protobufAccept };
  if (options.body !== undefined) headers["Content-Type"] = options.contentType ?? (typeof options.body === "string" ? "application/json" : protobuf);
  const res = await exports.default.fetch(new Request(`https://kube.test${path}`, { method, headers, body: options.body }));
  return { status: res.status, contentType: res.headers.get("content-type"), bytes: new Uint8Array(await res.arrayBuffer()) };
}

export interface ProtobufWatch {
  status: number;
  contentType: string | null;
  /** The next `count` events, each decoded from its own length-prefixed frame (or fails after `ms`). */
  next(count?: number, ms?: number): Promise<DecodedWatchEvent[]>;
  close(): Promise<void>;
}

export async function watchProtobuf(path: string): Promise<ProtobufWatch> {
  const res = await exports.default.fetch(new Request(`https://kube.test${path}`, { headers: { Authorization: `Bearer ${adminToken}`, Accept: protobufAccept } }));
  const reader = res.body!.getReader();
  let buffer = new Uint8Array(0);
  const events: DecodedWatchEvent[] = [];
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    async next(count = 1, ms = 3000) {
      const until = Date.now() + ms;
      while (events.length < count && Date.now() < until) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), until - Date.now()))]);
        if (chunk === null || chunk.done) break;
        const joined = new Uint8Array(buffer.length + chunk.value.length);
        joined.set(buffer);
        joined.set(chunk.value, buffer.length);
        const { frames, rest } = splitFrames(joined);
        for (const frame of frames) events.push(decodeWatchEventMessage(frame));
        buffer = rest.slice();
      }
      if (events.length < count) throw new Error(`expected ${count} events, got ${events.length}`);
      return events.splice(0, count);
    },
    async close() {
      await reader.cancel();
    },
  };
}
