// Reads a watch response as a client does: one JSON event per line.
import { exports } from "cloudflare:workers";
import { adminToken } from "./api.ts";

export interface WatchStream {
  status: number;
  headers: Headers;
  /** Waits for the next `count` events (or fails after `ms`). */
  next(count?: number, ms?: number): Promise<any[]>;
  close(): Promise<void>;
}

/** `fetcher` serves the request: the Worker as configured, unless a test gives the app other settings. */
export async function watch(
  path: string,
  headers: Record<string, string> = {},
  fetcher: (request: Request) => Promise<Response> = (request) => exports.default.fetch(request),
): Promise<WatchStream> {
  const res = await fetcher(new Request(`https://kube.test${path}`, { headers: { Authorization: `Bearer ${adminToken}`, ...headers } }));
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: any[] = [];
  const pump = async (until: number) => {
    while (Date.now() < until) {
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
      if (events.length > 0) return;
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), until - Date.now()))]);
      if (chunk === null) return;
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    async next(count = 1, ms = 3000) {
      const until = Date.now() + ms;
      const out: any[] = [];
      while (out.length < count && Date.now() < until) {
        await pump(until);
        while (events.length && out.length < count) out.push(events.shift());
      }
      if (out.length < count) throw new Error(`expected ${count} events, got ${out.length}: ${JSON.stringify(out)}`);
      return out;
    },
    async close() {
      await reader.cancel();
    },
  };
}
