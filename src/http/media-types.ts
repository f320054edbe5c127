// Content negotiation: which format a request body is in, and which format the client wants back.

export type BodyFormat = "json" | "yaml" | "protobuf" | "json-patch" | "merge-patch" | "strategic-merge-patch" | "apply-patch";

export function bodyFormat(contentType: string | undefined): BodyFormat | undefined {
  const type = (contentType ?? "application/json").split(";")[0].trim().toLowerCase();
  switch (type) {
    case "":
    case "application/json":
      return "json";
    case "application/yaml":
    case "application/x-yaml":
    case "text/yaml":
      return "yaml";
    case "application/vnd.kubernetes.protobuf":
      return "protobuf";
    case "application/json-patch+json":
      return "json-patch";
    case "application/merge-patch+json":
      return "merge-patch";
    case "application/strategic-merge-patch+json":
      return "strategic-merge-patch";
    case "application/apply-patch+yaml":
      return "apply-patch";
    default:
      return undefined;
  }
}

export const protobufMediaType = "application/vnd.kubernetes.protobuf";

export type ResponseFormat = { type: "json" } | { type: "yaml" } | { type: "protobuf" } | { type: "table"; version: "v1" | "v1beta1" };

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

// How wild a range is: concrete types go before "type/*", which goes before "*/*".
const wildness = (r: MediaRange) => (r.type === "*/*" ? 2 : r.type.endsWith("/*") ? 1 : 0);
const paramCount = (r: MediaRange) => Object.keys(r.params).filter((k) => k !== "q").length;

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(",")
    .map((part) => {
      const [type, ...params] = part.split(";").map((s) => s.trim());
      const map: Record<string, string> = {};
      for (const p of params) {
        const eq = p.indexOf("=");
        if (eq > 0) map[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      const q = map.q === undefined ? 1 : Number.parseFloat(map.q);
      return { type: type.toLowerCase(), params: map, q: Number.isNaN(q) ? 0 : q };
    })
    .filter((r) => r.type !== "" && r.q > 0)
    // As goautoneg orders them for kube: by q, concrete before wildcard, more parameters first; then header order.
    .sort((a, b) => b.q - a.q || wildness(a) - wildness(b) || paramCount(b) - paramCount(a));
}

/**
 * The client's most preferred format (by q, then concrete before wildcard, then header order) that this server
 * can produce for a resource answer. Table is offered only where a table makes sense (get, list, watch) and
 * only as JSON, as kube serves it; protobuf is client-go's default (`application/vnd.kubernetes.protobuf,
 * application/json`). A `stream=watch` parameter is allowed (a watch's own type). Undefined means 406.
 */
export function responseFormat(accept: string | undefined, allowTable: boolean, allowProtobuf = true): ResponseFormat | undefined {
  if (!accept || accept.trim() === "") return { type: "json" };
  for (const range of parseAccept(accept)) {
    const as = range.params.as;
    const isJson = range.type === "application/json" || range.type === "application/*" || range.type === "*/*";
    if (as === "Table" && range.type === "application/json") {
      const version = range.params.v;
      if (allowTable && range.params.g === "meta.k8s.io" && (version === "v1" || version === "v1beta1")) return { type: "table", version };
      continue;
    }
    if (as !== undefined) continue;
    if (isJson) return { type: "json" };
    if (range.type === "application/yaml") return { type: "yaml" };
    if (allowProtobuf && range.type === protobufMediaType && (range.params.stream ?? "watch") === "watch") return { type: "protobuf" };
  }
  return undefined;
}
