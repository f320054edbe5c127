// Accept negotiation for the discovery endpoints, as kube decides it. /api and /apis answer with the
// aggregated document when any acceptable clause asks for apidiscovery.k8s.io/v2 APIGroupDiscoveryList,
// wherever it sits in the header (kube checks for it before anything else); otherwise, and on every other
// discovery path, the first clause naming a plain media type we encode wins. A header that leaves nothing
// acceptable gets 406. We encode JSON and YAML; a protobuf clause is skipped like any other unknown type.

export type DiscoveryFormat = "json" | "yaml";

export interface DiscoveryNegotiation {
  format: DiscoveryFormat;
  aggregated: boolean;
}

/** The media types discovery is served in, as the 406 message lists them. */
export const discoveryMediaTypes = ["application/json", "application/yaml"] as const;

/** The Content-Type of an aggregated document in the given format. */
export function aggregatedContentType(format: DiscoveryFormat): string {
  return `application/${format};g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`;
}

interface AcceptClause {
  type: string;
  subtype: string;
  q: number;
  params: Record<string, string>;
}

/**
 * Chooses the answer's form; undefined means nothing in the header is acceptable (406).
 * `aggregatable` is true only for /api and /apis, the two paths that serve the aggregated form.
 */
export function negotiateDiscovery(accept: string | undefined, aggregatable: boolean): DiscoveryNegotiation | undefined {
  if (!accept || accept.trim() === "") return { format: "json", aggregated: false };
  const clauses = parseAccept(accept).filter((clause) => clause.q > 0);
  if (aggregatable) {
    for (const clause of clauses) {
      const format = formatOf(clause);
      if (format && asksForAggregated(clause.params)) return { format, aggregated: true };
    }
  }
  for (const clause of clauses) {
    const format = formatOf(clause);
    if (format && !("as" in clause.params || "g" in clause.params || "v" in clause.params)) return { format, aggregated: false };
  }
  return undefined;
}

function asksForAggregated(params: Record<string, string>): boolean {
  return params.g === "apidiscovery.k8s.io" && params.v === "v2" && params.as === "APIGroupDiscoveryList";
}

function formatOf({ type, subtype }: AcceptClause): DiscoveryFormat | undefined {
  if (type === "*" && subtype === "*") return "json";
  if (type !== "application") return undefined;
  if (subtype === "json" || subtype === "*") return "json";
  if (subtype === "yaml") return "yaml";
  return undefined;
}

/** Clauses by preference: higher q first, then concrete types before wildcards, else header order. */
function parseAccept(header: string): AcceptClause[] {
  const clauses: AcceptClause[] = [];
  for (const part of header.split(",")) {
    const [range, ...rawParams] = part.split(";");
    const [type, subtype] = range.trim().split("/", 2).map((s) => s.trim());
    if (!type || (subtype === undefined && type !== "*")) continue;
    const clause: AcceptClause = { type, subtype: subtype ?? "*", q: 1, params: {} };
    for (const raw of rawParams) {
      const eq = raw.indexOf("=");
      if (eq < 0) continue;
      const key = raw.slice(0, eq).trim();
      const value = raw.slice(eq + 1).trim();
      if (key === "q") clause.q = Number.parseFloat(value) || 0;
      else clause.params[key] = value;
    }
    clauses.push(clause);
  }
  const wildness = (c: AcceptClause) => (c.type === "*" ? 2 : c.subtype === "*" ? 1 : 0);
  return clauses.sort((a, b) => b.q - a.q || wildness(a) - wildness(b));
}
