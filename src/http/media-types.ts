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

export type ResponseFormat = { type: "json" } | { type: "yaml" } | { type: "table"; version: "v1" | "v1beta1" };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

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
      return { type: type.toLowerCase(), params: map };
    })
    .filter((r) => r.type !== "" && r.params.q !== "0");
}

/**
 * The first format in the client's Accept list that this server can produce for a resource answer.
 * Table is offered only where a table makes sense (get and list); undefined means 406.
 */
export function responseFormat(accept: string | undefined, allowTable: boolean): ResponseFormat | undefined {
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
  }
  return undefined;
}
