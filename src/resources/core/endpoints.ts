// core/v1 Endpoints: the addresses and ports behind a Service, in subsets that share a port list.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope, ipErrors, objectReference, portNumberErrors, protocolErrors, specialIPErrors } from "../schema-types.ts";

const address = z
  .object({
    ip: z.string().meta({ proto: 1, description: "The endpoint's IP address." }),
    hostname: z.string().meta({ proto: 3, description: "The endpoint's hostname, a DNS label." }).optional(),
    nodeName: z.string().meta({ proto: 4, description: "The node the endpoint runs on." }).optional(),
    targetRef: objectReference.meta({ proto: 2, description: "The object behind the address, usually a pod." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.EndpointAddress", description: "One address that serves the ports of its subset." });

const port = z
  .object({
    name: z.string().meta({ proto: 1, description: "The port's name, matching the service port's name." }).optional(),
    port: z.number().int().meta({ proto: 2, description: "The port number." }),
    protocol: z.string().meta({ proto: 3, description: "TCP, UDP or SCTP; TCP when unset." }).optional(),
    appProtocol: z.string().meta({ proto: 4, description: "The application protocol spoken on the port." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.EndpointPort", description: "A port every address of a subset serves." });

const addresses = (proto: number, description: string) => z.array(address).meta({ proto, listType: "atomic", description });

const subset = z
  .object({
    addresses: addresses(1, "Addresses ready to receive traffic.").optional(),
    notReadyAddresses: addresses(2, "Addresses not yet ready, or failing their readiness checks.").optional(),
    ports: z.array(port).meta({ proto: 3, listType: "atomic", description: "The ports every address of the subset serves." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.EndpointSubset", description: "A group of addresses that share one list of ports." });

const schema = z
  .object({
    ...envelope,
    subsets: z.array(subset).meta({ proto: 2, listType: "atomic", description: "The addresses behind the service, by port list." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Endpoints", description: "The addresses and ports that implement a service." });

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
