// watch over chunked HTTP and over WebSocket (the client's socket goes straight to the hub). An HTTP watch is a
// stream the Worker holds and fills from a hibernatable hub WebSocket (so the hub can hibernate), or, with
// HTTP_WATCH_STREAMS=hub, a stream the hub holds, returned as is (no JavaScript per event here, but the hub
// stays in memory while it holds one). Parameters are checked here.

import { badRequest } from "../api/errors.ts";
import { parseFieldSelector } from "../api/field-selector.ts";
import { parseLabelSelector, SelectorParseError } from "../api/label-selector.ts";
import { protobufLayoutComplete } from "../api/protobuf/layout-complete.ts";
import type { Status } from "../api/status.ts";
import type { Env } from "../env.ts";
import { supportsField } from "../registry/field-attributes.ts";
import { encodeWatchEvent, relayMessage } from "../registry/watch-event.ts";
import type { WatchSpec } from "../registry/watch-spec.ts";
import { parseResourceVersion } from "../storage/codec.ts";
import type { WatchStart } from "../storage/watch-hub.ts";
import { hubFor } from "../storage/watch-hubs.ts";
import { bookmarkEveryMs, maxBacklogBytes, tooSlow } from "../storage/watch-sink.ts";
import type { ResourceContext } from "./request-context.ts";
import { protobufMediaType, type ResponseFormat } from "./media-types.ts";
import { respondStatus } from "./respond.ts";
import { endsWhen } from "./stream-end.ts";

/** kube's default watch length: the minimum request timeout (30 min) stretched by a random factor up to 2. */
const minRequestTimeoutSeconds = 1800;

const truthy = (value: string | null) => value === "true" || value === "1" || value === "True";

function watchParams(ctx: ResourceContext): { spec: WatchSpec; start: WatchStart; timeoutMs: number } | Status {
  const { query, def } = ctx;
  const labelSelector = query.get("labelSelector") ?? "";
  const fieldSelector = query.get("fieldSelector") ?? "";
  try {
    parseLabelSelector(labelSelector);
    for (const r of parseFieldSelector(fieldSelector).requirements) {
      if (!supportsField(def, r.field)) return badRequest(`field label not supported: ${r.field}`);
    }
  } catch (error) {
    if (error instanceof SelectorParseError) return badRequest(error.message);
    throw error;
  }
  const rvText = query.get("resourceVersion") ?? "";
  const rv = parseResourceVersion(rvText);
  if (rv === null) return badRequest(`resourceVersion: Invalid value: ${JSON.stringify(rvText)}: must be a non-negative integer`);
  const match = query.get("resourceVersionMatch") ?? "";
  const bookmarks = truthy(query.get("allowWatchBookmarks"));
  const sendInitialRaw = query.get("sendInitialEvents");
  const sendInitial = sendInitialRaw !== null ? truthy(sendInitialRaw) : undefined;
  if (sendInitial !== undefined) {
    if (match !== "NotOlderThan") return badRequest(`resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan`);
    if (sendInitial && !bookmarks) return badRequest("allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true");
  } else if (match !== "") {
    return badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
  }
  const timeoutText = query.get("timeoutSeconds");
  let timeoutMs = Math.round(minRequestTimeoutSeconds * (1 + Math.random()) * 1000);
  if (timeoutText !== null && timeoutText !== "") {
    if (!/^\d+$/.test(timeoutText)) return badRequest(`timeoutSeconds: Invalid value: ${JSON.stringify(timeoutText)}: must be a non-negative integer`);
    timeoutMs = Number(timeoutText) * 1000;
  }
  // rv "" and "0" start with the current objects; sendInitialEvents=true too, whatever the revision.
  const initial = sendInitial === true || rv === undefined || rv === 0;
  const start: WatchStart = { from: initial ? "initial" : (rv as number), initialEventsEnd: sendInitial === true };
  const format = ctx.encoding.format;
  const spec: WatchSpec = {
    kind: { group: def.group, version: def.version, plural: def.plural, revision: ctx.catalogRevision },
    namespace: ctx.namespace,
    labelSelector,
    fieldSelector,
    format:
      format.type === "table"
        ? { type: "table", version: format.version, includeObject: (["None", "Object"].includes(query.get("includeObject") ?? "") ? query.get("includeObject") : "Metadata") as "None" | "Metadata" | "Object" }
        : { type: format.type === "protobuf" && protobufLayoutComplete(def.schema, true) ? "protobuf" : "json" },
    bookmarks,
  };
  return { spec, start, timeoutMs };
}

/** How the hub serves the watch: the client's own WebSocket, a relay socket, or a stream it holds. */
type HubTransport = { socket: Headers } | { relay: true } | { streamTimeoutMs: number };

function hubRequest(params: { spec: WatchSpec; start: WatchStart }, transport: HubTransport): Request {
  const url = new URL("https://hub/watch");
  if ("relay" in transport) url.searchParams.set("relay", "1");
  if ("streamTimeoutMs" in transport) url.searchParams.set("stream", String(transport.streamTimeoutMs));
  url.searchParams.set("spec", JSON.stringify(params.spec));
  url.searchParams.set("start", JSON.stringify(params.start));
  const h = new Headers("socket" in transport ? transport.socket : undefined);
  if (!("streamTimeoutMs" in transport)) h.set("Upgrade", "websocket");
  return new Request(url, { headers: h });
}

/** As kube names a watch stream's type: JSON as is, protobuf with `;stream=watch`. */
function watchContentType(format: ResponseFormat): string {
  if (format.type === "table") return `application/json;as=Table;v=${format.version};g=meta.k8s.io`;
  return format.type === "protobuf" ? `${protobufMediaType};stream=watch` : "application/json";
}

/** Who holds an HTTP watch stream: the Worker relaying a hub socket (the default), or the hub. */
export function httpWatchStreams(env: Env): "hub" | "relay" {
  return env.HTTP_WATCH_STREAMS === "hub" ? "hub" : "relay";
}

export async function handleWatch(ctx: ResourceContext): Promise<Response> {
  const params = watchParams(ctx);
  if ("kind" in params) return respondStatus(params, ctx.encoding);
  const hub = hubFor(ctx.c.env, ctx.namespace);
  if ((ctx.c.req.header("upgrade") ?? "").toLowerCase() === "websocket") return hub.fetch(hubRequest(params, { socket: ctx.c.req.raw.headers }));
  // A kind whose protobuf layout is incomplete streams JSON, which every protobuf client also accepts.
  const contentType = watchContentType(params.spec.format.type === "json" ? { type: "json" } : ctx.encoding.format);
  // A compressed stream is buffered by the compressor: events must reach the client as they happen, so the
  // stream declares itself unencoded (Cloudflare's edge, and Miniflare, then leave it alone).
  const headers = { "Content-Type": contentType, "Cache-Control": "no-cache, private", "Content-Encoding": "identity" };
  if (httpWatchStreams(ctx.c.env) === "hub") {
    const upstream = await hub.fetch(hubRequest(params, { streamTimeoutMs: params.timeoutMs }));
    if (!upstream.body) return respondStatus(badRequest("watch could not be started"), ctx.encoding);
    return new Response(upstream.body, { status: 200, headers });
  }
  return relayWatch(params, ctx, await hub.fetch(hubRequest(params, { relay: true })), headers);
}

/** How often a relayed watch asks its hub for a bookmark (clients that allow them); tests shorten it. */
export const relayTiming = { bookmarkEveryMs };

/** The Worker holds the client's stream and relays the hub socket's messages into it. */
function relayWatch(params: { spec: WatchSpec; timeoutMs: number }, ctx: ResourceContext, upstream: Response, headers: Record<string, string>): Response {
  const socket = upstream.webSocket;
  if (!socket) return respondStatus(badRequest("watch could not be started"), ctx.encoding);
  socket.accept();
  socket.binaryType = "arraybuffer";
  const encoder = new TextEncoder();
  let ended!: () => void;
  const end = new Promise<void>((done) => (ended = done));
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = () => {
          if (closed) return;
          closed = true;
          ended();
          clearTimeout(timer);
          clearInterval(ticker);
          try {
            socket.close(1000, "watch ended");
          } catch {
            // already closed
          }
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        socket.addEventListener("message", (event) => {
          if (closed) return;
          try {
            // The hub sends batches as bytes (newline- or length-framed), and single JSON events as text.
            controller.enqueue(typeof event.data === "string" ? encoder.encode(`${event.data}\n`) : new Uint8Array(event.data as ArrayBuffer));
            // A client that does not read its stream is not allowed to hold an unbounded backlog: it gets every
            // event queued so far, then an ERROR event, and the stream ends (it watches again from there).
            if ((controller.desiredSize ?? 0) < -maxBacklogBytes) {
              controller.enqueue(relayMessage([encodeWatchEvent("ERROR", tooSlow(), params.spec, ctx.def, false, new Date())]));
              finish();
            }
          } catch {
            finish();
          }
        });
        socket.addEventListener("close", finish);
        socket.addEventListener("error", finish);
        timer = setTimeout(finish, params.timeoutMs);
        if (params.spec.bookmarks) ticker = setInterval(() => !closed && socket.send("bookmark"), relayTiming.bookmarkEveryMs);
      },
      cancel() {
        closed = true;
        ended();
        clearTimeout(timer);
        clearInterval(ticker);
        try {
          socket.close(1000, "client went away");
        } catch {
          // already closed
        }
      },
    },
    // Counted in bytes, with no allowance: desiredSize is minus the bytes the client has not read yet.
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
  return endsWhen(new Response(stream, { status: 200, headers }), end);
}
