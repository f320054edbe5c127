// networking.k8s.io/v1 Ingress: HTTP routing by host and path to Services, with TLS, for an ingress controller.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { dns1123SubdomainErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope, parseIP, portNameErrors, portNumberErrors } from "../schema-types.ts";

const pathTypes = ["Exact", "ImplementationSpecific", "Prefix"] as const;

const serviceBackendPort = z
  .object({
    name: z.string().meta({ proto: 1, description: "The Service port's name; set this or number." }).optional(),
    number: z.number().int().meta({ proto: 2, omitEmpty: true, description: "The Service port's number; set this or name." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.ServiceBackendPort", structType: "atomic", description: "A Service port, by name or number." });

const serviceBackend = z
  .object({
    name: z.string().meta({ proto: 1, description: "The Service in the Ingress's namespace." }),
    port: serviceBackendPort.meta({ proto: 2, description: "The Service port traffic goes to." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.IngressServiceBackend", description: "A Service and port that receive traffic." });

const typedLocalObjectReference = z
  .object({
    apiGroup: z.string().meta({ proto: 1, description: "The group of the object; the core group when empty." }).optional(),
    kind: z.string().meta({ proto: 2, description: "The kind of the object." }),
    name: z.string().meta({ proto: 3, description: "The name of the object." }),
  })
  .meta({ definition: "io.k8s.api.core.v1.TypedLocalObjectReference", structType: "atomic", description: "Points at an object of any kind in the same namespace." });

const backend = z
  .object({
    resource: typedLocalObjectReference.meta({ proto: 3, description: "Another object that receives traffic; set this or service." }).optional(),
    service: serviceBackend.meta({ proto: 4, description: "A Service that receives traffic; set this or resource." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.IngressBackend", description: "Where matching traffic goes: a Service port or another object." });

const httpPath = z
  .object({
    path: z.string().meta({ proto: 1, description: "The request path to match; must start with / for Exact and Prefix." }).optional(),
    backend: backend.meta({ proto: 2, description: "Where requests matching the path go." }),
    pathType: z.string().meta({ proto: 3, description: "How path is matched: Exact, Prefix or ImplementationSpecific." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.HTTPIngressPath", description: "A path and the backend its requests go to." });

const httpRule = z
  .object({ paths: z.array(httpPath).meta({ proto: 1, listType: "atomic", description: "Paths and their backends." }) })
  .meta({ definition: "io.k8s.api.networking.v1.HTTPIngressRuleValue", description: "HTTP paths of a host and where each goes." });

const rule = z
  .object({
    host: z.string().meta({ proto: 1, description: "The host name to match, possibly with a leading *. wildcard; every host when empty." }).optional(),
    http: httpRule.meta({ proto: 1, description: "HTTP paths for the host." }).optional(),
  })
  .meta({
    definition: "io.k8s.api.networking.v1.IngressRule",
    inline: [{ proto: 2, definition: "io.k8s.api.networking.v1.IngressRuleValue", fields: ["http"] }],
    description: "Routes for one host.",
  });

const tls = z
  .object({
    hosts: z.array(z.string()).meta({ proto: 1, listType: "atomic", description: "Hosts the certificate covers." }).optional(),
    secretName: z.string().meta({ proto: 2, description: "The Secret holding the certificate and key." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.IngressTLS", description: "TLS for some hosts, with a Secret holding the certificate." });

const specSchema = z
  .object({
    defaultBackend: backend.meta({ proto: 1, description: "Where requests no rule matches go." }).optional(),
    tls: z.array(tls).meta({ proto: 2, listType: "atomic", description: "TLS settings by host." }).optional(),
    rules: z.array(rule).meta({ proto: 3, listType: "atomic", description: "Host rules; requests matching none go to the default backend." }).optional(),
    ingressClassName: z.string().meta({ proto: 4, description: "The IngressClass whose controller serves this Ingress." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.IngressSpec", description: "The routing an Ingress asks for." });

const portStatus = z
  .object({
    port: z.number().int().meta({ proto: 1, description: "The port number." }),
    protocol: z.string().meta({ proto: 2, description: "The port's protocol: TCP, UDP or SCTP." }),
    error: z.string().meta({ proto: 3, description: "What went wrong with the port, if anything." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.IngressPortStatus", description: "The state of one port of a load balancer." });

const lbIngress = z
  .object({
    ip: z.string().meta({ proto: 1, description: "The load balancer's IP address." }).optional(),
    hostname: z.string().meta({ proto: 2, description: "The load balancer's DNS name." }).optional(),
    ports: z.array(portStatus).meta({ proto: 4, listType: "atomic", description: "The load balancer's ports." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.IngressLoadBalancerIngress", description: "One entry point of a load balancer." });

const statusSchema = z
  .object({
    loadBalancer: z
      .object({ ingress: z.array(lbIngress).meta({ proto: 1, listType: "atomic", description: "The load balancer's entry points." }).optional() })
      .meta({ proto: 1, definition: "io.k8s.api.networking.v1.IngressLoadBalancerStatus", description: "The load balancer serving the Ingress." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.IngressStatus", description: "Where the Ingress is reachable." });

const schema = z
  .object({
    ...envelope,
    spec: specSchema.meta({ proto: 2, description: "The routing wanted." }).optional(),
    status: statusSchema.meta({ proto: 3, description: "Where the Ingress is reachable; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.networking.v1.Ingress", description: "Routes outside HTTP traffic to Services by host and path." });

type Ingress = KubeObject & z.infer<typeof schema>;
type Backend = z.infer<typeof backend>;

/** A host, possibly a "*." wildcard, that must be a DNS name and not an IP address. */
function hostErrors(host: string, path: string): FieldError[] {
  if (parseIP(host)) return [fieldError.invalid(path, host, "must be a DNS name, not an IP address")];
  const name = host.startsWith("*.") ? host.slice(2) : host;
  return dns1123SubdomainErrors(name).map((msg) => fieldError.invalid(path, host, msg));
}

function backendErrors(b: Backend, path: string): FieldError[] {
  if (b.service && b.resource) return [fieldError.invalid(path, "", "cannot set both resource and service backends")];
  if (!b.service && !b.resource) return [fieldError.invalid(path, "", "resource or service backend is required")];
  if (!b.service) return [];
  const errors: FieldError[] = [];
  const at = `${path}.service`;
  if (!b.service.name) errors.push(fieldError.required(`${at}.name`));
  else for (const msg of dns1123SubdomainErrors(b.service.name)) errors.push(fieldError.invalid(`${at}.name`, b.service.name, msg));
  const port = b.service.port ?? {};
  if (port.name && port.number) errors.push(fieldError.invalid(`${at}.port`, port, "cannot set both port name & port number"));
  else if (port.name) for (const msg of portNameErrors(port.name)) errors.push(fieldError.invalid(`${at}.port.name`, port.name, msg));
  else if (port.number) for (const msg of portNumberErrors(port.number)) errors.push(fieldError.invalid(`${at}.port.number`, port.number, msg));
  else errors.push(fieldError.required(`${at}.port`, "port name or number is required"));
  return errors;
}

function ruleErrors(r: z.infer<typeof rule>, path: string): FieldError[] {
  const errors = r.host ? hostErrors(r.host, `${path}.host`) : [];
  if (!r.http) return errors;
  if (r.http.paths.length === 0) errors.push(fieldError.required(`${path}.http.paths`));
  r.http.paths.forEach((p, i) => {
    const at = `${path}.http.paths[${i}]`;
    if (p.pathType === undefined) errors.push(fieldError.required(`${at}.pathType`, "pathType must be specified"));
    else if (!(pathTypes as readonly string[]).includes(p.pathType)) errors.push(fieldError.notSupported(`${at}.pathType`, p.pathType, pathTypes));
    else if ((p.pathType !== "ImplementationSpecific" || p.path) && !(p.path ?? "").startsWith("/")) {
      errors.push(fieldError.invalid(`${at}.path`, p.path ?? "", "must be an absolute path"));
    }
    errors.push(...backendErrors(p.backend, `${at}.backend`));
  });
  return errors;
}

/** kube's HOSTS cell: up to three hosts, "*" when none is named. */
function hostsCell(rules: z.infer<typeof rule>[]): string {
  const named = rules.map((r) => r.host).filter((h): h is string => !!h);
  if (named.length === 0) return "*";
  const shown = named.slice(0, 3).join(",");
  return rules.length > 3 ? `${shown} + ${rules.length - 3} more...` : shown;
}

function addressCell(status: Ingress["status"]): string {
  const all = (status?.loadBalancer?.ingress ?? []).flatMap((i) => [i.ip, i.hostname].filter((v): v is string => !!v)).join(",");
  return all.length > 16 ? `${all.slice(0, 16)}...` : all;
}

export const ingresses = {
  group: "networking.k8s.io",
  version: "v1",
  kind: "Ingress",
  plural: "ingresses",
  singular: "ingress",
  namespaced: true,
  shortNames: ["ing"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  applyDefaults(obj) {
    (obj as Ingress).spec ??= {};
  },
  prepareForCreate(obj) {
    (obj as Ingress).status = { loadBalancer: {} };
  },
  validate(obj) {
    const spec = (obj as Ingress).spec ?? {};
    const errors: FieldError[] = [];
    if (!spec.defaultBackend && (spec.rules ?? []).length === 0) {
      errors.push(fieldError.invalid("spec", spec.rules ?? null, "either `defaultBackend` or `rules` must be specified"));
    }
    if (spec.defaultBackend) errors.push(...backendErrors(spec.defaultBackend, "spec.defaultBackend"));
    (spec.rules ?? []).forEach((r, i) => errors.push(...ruleErrors(r, `spec.rules[${i}]`)));
    (spec.tls ?? []).forEach((t, i) => (t.hosts ?? []).forEach((h, j) => errors.push(...hostErrors(h, `spec.tls[${i}].hosts[${j}]`))));
    if (spec.ingressClassName !== undefined) {
      for (const msg of dns1123SubdomainErrors(spec.ingressClassName)) errors.push(fieldError.invalid("spec.ingressClassName", spec.ingressClassName, msg));
    }
    return errors;
  },
  table: {
    columns: [
      nameColumn,
      column("Class", "string", "The IngressClass that serves the Ingress."),
      column("Hosts", "string", "The hosts the rules match."),
      column("Address", "string", "Where the load balancer is reachable."),
      column("Ports", "string", "The ports served: 80, and 443 with TLS."),
      ageColumn,
    ],
    cells(obj, { now }) {
      const ing = obj as Ingress;
      const spec = ing.spec ?? {};
      const ports = (spec.tls ?? []).length > 0 ? "80, 443" : "80";
      return [obj.metadata.name ?? "", spec.ingressClassName ?? "<none>", hostsCell(spec.rules ?? []), addressCell(ing.status), ports, creationAge(obj, now)];
    },
  },
} satisfies KindDefinition;
