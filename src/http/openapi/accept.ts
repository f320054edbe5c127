// Accept negotiation for /openapi/v2 and /openapi/v3, as kube-openapi does it: clauses by preference (higher
// q, then concrete before wildcard, then header order); the first clause that names a type we serve wins;
// an empty header means */*. Both spellings of gnostic's protobuf type are accepted ("@v1.0" is what
// client-go sends; kube answers with the ".v1.0" spelling).

export type OpenAPIFormat = "json" | "protobuf";

export const v2ProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
const v2ProtobufSubtypes = ["com.github.proto-openapi.spec.v2@v1.0+protobuf", "com.github.proto-openapi.spec.v2.v1.0+protobuf"];

interface Clause {
  type: string;
  subtype: string;
  q: number;
  order: number;
}

function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const [order, part] of header.split(",").entries()) {
    const [range, ...params] = part.split(";");
    const [type, subtype] = range.trim().toLowerCase().split("/", 2).map((s) => s.trim());
    if (!type) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=", 2).map((s) => s.trim());
      if (key === "q") q = Number.parseFloat(value ?? "") || 0;
    }
    if (q > 0) clauses.push({ type, subtype: subtype ?? "*", q, order });
  }
  const wildness = (c: Clause) => (c.type === "*" ? 2 : c.subtype === "*" ? 1 : 0);
  return clauses.sort((a, b) => b.q - a.q || wildness(a) - wildness(b) || a.order - b.order);
}

/** The format to answer in, or undefined when the header accepts nothing we serve (406). */
export function negotiateOpenAPI(accept: string | undefined, protobuf: boolean): OpenAPIFormat | undefined {
  const header = accept?.trim() ? accept : "*/*";
  const served: { subtypes: string[]; format: OpenAPIFormat }[] = [{ subtypes: ["json"], format: "json" }];
  if (protobuf) served.push({ subtypes: v2ProtobufSubtypes, format: "protobuf" });
  for (const clause of parseAccept(header)) {
    if (clause.type !== "application" && clause.type !== "*") continue;
    for (const candidate of served) {
      if (clause.subtype === "*" || candidate.subtypes.includes(clause.subtype)) return candidate.format;
    }
  }
  return undefined;
}
