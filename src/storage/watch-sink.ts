// Where a watcher's events go. A socket sink is a hibernatable WebSocket: the client's own, or the Worker
// relaying an HTTP watch (state lives on the socket, so the hub can hibernate). A stream sink is an HTTP watch
// stream the hub holds itself: the hub's fetch answers with it and the Worker returns that body as is, so the
// runtime moves the bytes and no Worker JavaScript runs per event. A stream sink lives in memory only: the hub
// cannot hibernate while it holds one (docs/architecture.md, "Watch").

import { failure, type Status } from "../api/status.ts";
import { relayMessage, socketMessage, type WatchPayload } from "../registry/watch-event.ts";

export interface WatchSink {
  /** One event. */
  event(payload: WatchPayload): void;
  /**
   * A round's events for a group of equal watchers; `batch` is their bytes on an HTTP stream, made once and
   * cut into messages of bounded size (relayMessages).
   */
  round(payloads: readonly WatchPayload[], batch: () => Uint8Array[]): void;
  /** Keeps the watcher's state where it survives hibernation (a socket's attachment; nothing for a stream). */
  persist(state: unknown): void;
  /** Ends the watch. */
  close(): void;
}

export class SocketSink implements WatchSink {
  constructor(
    readonly ws: WebSocket,
    /** The socket is the Worker relaying an HTTP watch: a round's events go as one message. */
    private readonly relay: boolean,
    private readonly onGone: () => void,
  ) {}

  event(payload: WatchPayload): void {
    this.send(socketMessage(payload, this.relay));
  }

  round(payloads: readonly WatchPayload[], batch: () => Uint8Array[]): void {
    if (this.relay) for (const message of batch()) this.send(message);
    else for (const payload of payloads) this.send(payload);
  }

  persist(state: unknown): void {
    try {
      this.ws.serializeAttachment(state);
    } catch {
      this.onGone();
    }
  }

  close(): void {
    try {
      this.ws.close(1000, "watch closed");
    } catch {
      // already closed
    }
  }

  private send(data: string | Uint8Array): void {
    try {
      this.ws.send(data);
    } catch {
      this.onGone();
    }
  }
}

/** Unread bytes a watch client may leave queued before its watch is closed. */
export const maxBacklogBytes = 16 * 1024 * 1024;
export const bookmarkEveryMs = 15_000;

/** What a client that leaves more than maxBacklogBytes unread gets before its stream ends. */
export function tooSlow(): Status {
  return failure(429, "TooManyRequests", "the watch was closed because the client did not read its events fast enough; watch again from the last resourceVersion received");
}

export interface StreamOptions {
  timeoutMs: number;
  /** Called every `bookmarkEveryMs` (15 s) while the stream is open (clients that allow bookmarks). */
  onBookmarkDue?: () => void;
  bookmarkEveryMs?: number;
  /** The ERROR event (stream bytes) a client gets when it leaves more than maxBacklogBytes unread. */
  tooSlow: () => Uint8Array;
  /** The stream ended: timeout, slow client, the client went away, or close(). */
  onEnd: () => void;
}

export class StreamSink implements WatchSink {
  /** The response body, which the Worker returns as is: the runtime moves its bytes to the client. */
  readonly readable: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private ended = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly ticker?: ReturnType<typeof setInterval>;

  constructor(private readonly options: StreamOptions) {
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        // The client went away: the watch ends now, not at the next event.
        cancel: () => this.end(),
      },
      // Counted in bytes, with no allowance: desiredSize is minus the bytes the client has not read yet.
      { highWaterMark: 0, size: (chunk) => chunk.byteLength },
    );
    this.timer = setTimeout(() => this.close(), options.timeoutMs);
    if (options.onBookmarkDue) this.ticker = setInterval(options.onBookmarkDue, options.bookmarkEveryMs ?? bookmarkEveryMs);
  }

  event(payload: WatchPayload): void {
    this.write(relayMessage([payload]));
  }

  round(_payloads: readonly WatchPayload[], batch: () => Uint8Array[]): void {
    for (const message of batch()) this.write(message);
  }

  persist(): void {}

  /** Ends the stream after the events already written (the client reads them, then end of stream). */
  close(): void {
    if (this.ended) return;
    this.end();
    try {
      this.controller.close();
    } catch {
      // already closed
    }
  }

  private write(bytes: Uint8Array): void {
    if (this.ended) return;
    try {
      this.controller.enqueue(bytes);
      // A client that does not read is not allowed an unbounded backlog: it gets every event queued so far,
      // then an ERROR event, and the stream ends (it watches again from there).
      if ((this.controller.desiredSize ?? 0) < -maxBacklogBytes) {
        this.controller.enqueue(this.options.tooSlow());
        this.close();
      }
    } catch {
      this.end();
    }
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.options.onEnd();
  }
}
