// core/v1 Endpoints: the addresses and ports behind a Service, in subsets that share a port list.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope, ipErrors, objectReference, portNumberErrors, protocolErrors, specialIPErrors } from "../schema-types.ts";

const address = z.object({
  ip: z.string(),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  targetRef: objectReference.optional(),
});

const port = z.object({
  name: z.string().optional(),
  port: z.number().int(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
});

const subset = z.object({
  addresses: z.array(address).optional(),
  notReadyAddresses: z.array(address).optional(),
  ports: z.array(port).optional(),
});

const schema = z.object({ ...envelope, subsets: z.array(subset).optional() });

type Endpoints = KubeObject & z.infer<typeof schema>;
type Address = z.infer<typeof address>;
type Port = z.infer<typeof port>;

function validateAddress(addr: Address, path: string): FieldError[] {
  const errors = ipErrors(addr.ip).map((msg) => fieldError.invalid(`${path}.ip`, addr.ip, msg));
  if (addr.hostname) errors.push(...dns1123LabelErrors(addr.hostname).map((msg) => fieldError.invalid(`${path}.hostname`, addr.hostname, msg)));
  if (addr.nodeName !== undefined) {
    errors.push(...dns1123SubdomainErrors(addr.nodeName).map((msg) => fieldError.invalid(`${path}.nodeName`, addr.nodeName, msg)));
  }
  errors.push(...specialIPErrors(addr.ip).map((msg) => fieldError.invalid(`${path}.ip`, addr.ip, msg)));
  return errors;
}

function validatePort(p: Port, requireName: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !p.name) errors.push(fieldError.required(`${path}.name`));
  else if (p.name) errors.push(...dns1123LabelErrors(p.name).map((msg) => fieldError.invalid(`${path}.name`, p.name, msg)));
  errors.push(...portNumberErrors(p.port).map((msg) => fieldError.invalid(`${path}.port`, p.port, msg)));
  errors.push(...protocolErrors(`${path}.protocol`, p.protocol));
  if (p.appProtocol !== undefined) {
    errors.push(...qualifiedNameErrors(p.appProtocol).map((msg) => fieldError.invalid(`${path}.appProtocol`, p.appProtocol, msg)));
  }
  return errors;
}

function validateSubsets(subsets: Endpoints["subsets"]): FieldError[] {
  const errors: FieldError[] = [];
  (subsets ?? []).forEach((ss, i) => {
    const path = `subsets[${i}]`;
    // A subset must name some address; ports may be absent (headless services).
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) {
      errors.push(fieldError.required(path, "must specify `addresses` or `notReadyAddresses`"));
    }
    (ss.addresses ?? []).forEach((a, j) => errors.push(...validateAddress(a, `${path}.addresses[${j}]`)));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errors.push(...validateAddress(a, `${path}.notReadyAddresses[${j}]`)));
    const ports = ss.ports ?? [];
    ports.forEach((p, j) => errors.push(...validatePort(p, ports.length > 1, `${path}.ports[${j}]`)));
  });
  return errors;
}

const hostPort = (ip: string, port: number) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

/** kube's ENDPOINTS cell: ready addresses (with each port), at most three, then "+ N more...". */
export function formatEndpoints(subsets: Endpoints["subsets"]): string {
  if (!subsets?.length) return "<none>";
  const max = 3;
  const list: string[] = [];
  let count = 0;
  let more = false;
  const take = (entries: string[]) => {
    count += entries.length;
    for (const entry of entries) {
      if (list.length === max) {
        more = true;
        break;
      }
      list.push(entry);
    }
  };
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) take(addrs.map((a) => a.ip));
    else for (const p of ss.ports) take(addrs.map((a) => hostPort(a.ip, p.port)));
  }
  const joined = list.join(",");
  return more ? `${joined} + ${count - max} more...` : joined;
}

export const endpoints = {
  group: "",
  version: "v1",
  kind: "Endpoints",
  plural: "endpoints",
  singular: "endpoints",
  namespaced: true,
  shortNames: ["ep"],
  nameRule: "dns1123-subdomain",
  schema,
  applyDefaults(obj) {
    for (const ss of (obj as Endpoints).subsets ?? []) {
      for (const p of ss.ports ?? []) p.protocol ||= "TCP";
    }
  },
  validate: (obj) => validateSubsets((obj as Endpoints).subsets),
  table: {
    columns: [nameColumn, column("Endpoints", "string", "The ready addresses, with their ports, that back the service."), ageColumn],
    cells(obj, { now }) {
      return [obj.metadata.name ?? "", formatEndpoints((obj as Endpoints).subsets), creationAge(obj, now)];
    },
  },
} satisfies KindDefinition;
