// core/v1 Service: a stable virtual address (cluster IP, node ports) in front of the pods its selector picks.
// How addresses are allocated, and which changes to them are allowed, lives in service-addresses.ts.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { cidrErrors, condition, envelope, intOrString, ipErrors, labelsErrors, parseIP } from "../schema-types.ts";
import { portNameErrors, portNumberErrors, protocolErrors, specialIPErrors } from "../schema-types.ts";
import { allocationErrors, clusterIPsErrors, isHeadless, needsHealthCheck, needsNodePorts, ipv4Text, serviceCIDR } from "./service-addresses.ts";
import { prepareServiceCreate, prepareServiceUpdate, validateServiceUpdate } from "./service-addresses.ts";

const servicePort = z
  .object({
    name: z.string().meta({ proto: 1, description: "The port's name, a DNS label; required when the service has more than one port." }).optional(),
    protocol: z.string().meta({ proto: 2, description: "TCP, UDP or SCTP; TCP when unset." }).optional(),
    appProtocol: z.string().meta({ proto: 6, description: "The application protocol spoken on the port, as a hint to implementations." }).optional(),
    port: z.number().int().meta({ proto: 3, description: "The port the service listens on." }),
    targetPort: intOrString
      .meta({ proto: 4, description: "The port on the selected pods, by number or by container port name; the service port when unset." })
      .optional(),
    nodePort: z.number().int().meta({ proto: 5, omitEmpty: true, description: "The port opened on every node for NodePort and LoadBalancer services." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ServicePort", description: "One port a service exposes and where it forwards to." });

const clientIPConfig = z
  .object({
    timeoutSeconds: z
      .number()
      .int()
      .meta({ proto: 1, description: "How long a client stays bound to the same endpoint, in seconds (10800 when unset)." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ClientIPConfig", description: "Settings of affinity by client IP." });

const sessionAffinityConfig = z
  .object({ clientIP: clientIPConfig.meta({ proto: 1, description: "Settings for ClientIP affinity." }).optional() })
  .meta({ definition: "io.k8s.api.core.v1.SessionAffinityConfig", description: "How session affinity is configured." });

const strings = (proto: number, description: string) => z.array(z.string()).meta({ proto, listType: "atomic", description });

const specSchema = z
  .object({
    ports: z
      .array(servicePort)
      .meta({
        proto: 1,
        patchStrategy: "merge",
        patchMergeKey: "port",
        listType: "map",
        listMapKeys: ["port", "protocol"],
        description: "The ports the service exposes.",
      })
      .optional(),
    selector: z
      .record(z.string(), z.string())
      .meta({ proto: 2, mapType: "atomic", description: "Labels of the pods traffic is routed to; without it, endpoints are managed by hand." })
      .optional(),
    clusterIP: z.string().meta({ proto: 3, description: "The service's virtual IP, allocated when unset; None makes a headless service." }).optional(),
    clusterIPs: strings(18, "The service's virtual IPs, one per IP family; the first equals clusterIP.").optional(),
    type: z.string().meta({ proto: 4, description: "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName." }).optional(),
    externalIPs: strings(5, "Further addresses, not managed by the cluster, on which nodes accept traffic for the service.").optional(),
    sessionAffinity: z.string().meta({ proto: 7, description: "ClientIP to send a client's connections to the same endpoint, or None." }).optional(),
    loadBalancerIP: z.string().meta({ proto: 8, description: "Deprecated: an address requested from the load balancer." }).optional(),
    loadBalancerSourceRanges: strings(9, "CIDRs the load balancer accepts clients from, where the provider supports it.").optional(),
    externalName: z.string().meta({ proto: 10, description: "The DNS name an ExternalName service aliases." }).optional(),
    externalTrafficPolicy: z
      .string()
      .meta({ proto: 11, description: "Cluster or Local: whether external traffic may go to endpoints on other nodes." })
      .optional(),
    healthCheckNodePort: z
      .number()
      .int()
      .meta({ proto: 12, omitEmpty: true, description: "The node port load balancers probe, for LoadBalancer services with the Local policy." })
      .optional(),
    publishNotReadyAddresses: z
      .boolean()
      .meta({ proto: 13, omitEmpty: true, description: "Publish endpoints of pods that are not ready, as stateful sets need for discovery." })
      .optional(),
    sessionAffinityConfig: sessionAffinityConfig.meta({ proto: 14, description: "Settings of session affinity." }).optional(),
    ipFamilies: strings(19, "The IP families (IPv4, IPv6) of the service's addresses, in order.").optional(),
    ipFamilyPolicy: z.string().meta({ proto: 17, description: "SingleStack, PreferDualStack or RequireDualStack." }).optional(),
    allocateLoadBalancerNodePorts: z
      .boolean()
      .meta({ proto: 20, description: "Whether a LoadBalancer service gets node ports; true when unset." })
      .optional(),
    loadBalancerClass: z.string().meta({ proto: 21, description: "Which load balancer implementation serves the service." }).optional(),
    internalTrafficPolicy: z
      .string()
      .meta({ proto: 22, description: "Cluster or Local: whether traffic from inside the cluster may go to endpoints on other nodes." })
      .optional(),
    trafficDistribution: z
      .string()
      .meta({ proto: 23, description: "A preference for endpoints close to the client: PreferClose, PreferSameZone or PreferSameNode." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ServiceSpec", description: "What a service exposes and how." });

// Status is written by load balancer controllers.
const portStatus = z
  .object({
    port: z.number().int().meta({ proto: 1, description: "The port number." }).optional(),
    protocol: z.string().meta({ proto: 2, description: "The port's protocol: TCP, UDP or SCTP." }).optional(),
    error: z.string().meta({ proto: 3, description: "What went wrong with the port, as a CamelCase reason; unset when it works." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.PortStatus", description: "The state of one port of a load balancer." });

const ingress = z
  .object({
    ip: z.string().meta({ proto: 1, description: "An IP address of the load balancer." }).optional(),
    hostname: z.string().meta({ proto: 2, description: "A DNS name of the load balancer." }).optional(),
    ipMode: z.string().meta({ proto: 3, description: "VIP or Proxy: how traffic to ip reaches the nodes." }).optional(),
    ports: z.array(portStatus).meta({ proto: 4, listType: "atomic", description: "The state of the load balancer's ports." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.LoadBalancerIngress", description: "An address a load balancer receives traffic on." });

const loadBalancerStatus = z
  .object({
    ingress: z.array(ingress).meta({ proto: 1, listType: "atomic", description: "The load balancer's addresses." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.LoadBalancerStatus", description: "The state of a load balancer." });

const statusSchema = z
  .object({
    loadBalancer: loadBalancerStatus.meta({ proto: 1, description: "The load balancer in front of the service, if any." }).optional(),
    conditions: z
      .array(condition)
      .meta({
        proto: 2,
        patchStrategy: "merge",
        patchMergeKey: "type",
        listType: "map",
        listMapKeys: ["type"],
        description: "The service's current conditions.",
      })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ServiceStatus", description: "The observed state of a service." });

const schema = z
  .object({
    ...envelope,
    spec: specSchema.meta({ proto: 2, description: "What the service exposes and how." }).optional(),
    status: statusSchema.meta({ proto: 3, description: "The service's observed state; read-only to clients." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Service", description: "A stable address and name for a set of pods." });

export type Service = KubeObject & z.infer<typeof schema>;
export type ServiceSpec = z.infer<typeof specSchema>;

const externallyAccessible = (s: ServiceSpec) => needsNodePorts(s) || (s.type === "ClusterIP" && (s.externalIPs?.length ?? 0) > 0);
const invalid = fieldError.invalid;

function validatePorts(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  const ports = spec.ports ?? [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errors.push(fieldError.required(`${path}.name`));
    else if (p.name) {
      errors.push(...dns1123LabelErrors(p.name).map((msg) => invalid(`${path}.name`, p.name, msg)));
      if (names.has(p.name)) errors.push(fieldError.duplicate(`${path}.name`, p.name));
      names.add(p.name);
    }
    errors.push(...portNumberErrors(p.port).map((msg) => invalid(`${path}.port`, p.port, msg)));
    errors.push(...protocolErrors(`${path}.protocol`, p.protocol));
    const target = p.targetPort ?? 0;
    const targetMsgs = typeof target === "number" ? portNumberErrors(target) : portNameErrors(target);
    errors.push(...targetMsgs.map((msg) => invalid(`${path}.targetPort`, target, msg)));
    if (p.appProtocol !== undefined) errors.push(...qualifiedNameErrors(p.appProtocol).map((msg) => invalid(`${path}.appProtocol`, p.appProtocol, msg)));
    if (spec.type === "ClusterIP" && p.nodePort) errors.push(fieldError.forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
  });
  ports.forEach((p, i) => {
    if (p.nodePort && ports.findIndex((q) => q.nodePort === p.nodePort && q.protocol === p.protocol) < i) {
      errors.push(fieldError.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    }
  });
  ports.forEach((p, i) => {
    if (ports.findIndex((q) => q.port === p.port && q.protocol === p.protocol) < i) {
      // kube shows the internal (untagged) port key it compared.
      const key = { Name: "", Protocol: p.protocol ?? "", AppProtocol: null, Port: p.port, TargetPort: 0, NodePort: 0 };
      errors.push(fieldError.duplicate(`spec.ports[${i}]`, key));
    }
  });
  return errors;
}

function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errors: FieldError[] = [];
  const type = spec.type ?? "";
  if (!spec.ports?.length && !isHeadless(spec) && type !== "ExternalName") errors.push(fieldError.required("spec.ports"));
  if ((type === "LoadBalancer" || type === "NodePort") && isHeadless(spec)) {
    errors.push(invalid("spec.clusterIPs[0]", "None", `may not be set to 'None' for ${type} services`));
  }
  if (type === "ExternalName") {
    for (const field of ["clusterIPs", "ipFamilies"] as const) if (spec[field]?.length) errors.push(fieldError.forbidden(`spec.${field}`, "may not be set for ExternalName services"));
    if (spec.ipFamilyPolicy !== undefined) errors.push(fieldError.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
    const cname = (spec.externalName ?? "").replace(/\.$/, "");
    if (!cname) errors.push(fieldError.required("spec.externalName"));
    else errors.push(...dns1123SubdomainErrors(cname).map((msg) => invalid("spec.externalName", cname, msg)));
  }
  errors.push(...validatePorts(spec), ...labelsErrors(spec.selector, "spec.selector"));
  const affinity = spec.sessionAffinity ?? "";
  if (!affinity) errors.push(fieldError.required("spec.sessionAffinity"));
  else if (affinity !== "ClientIP" && affinity !== "None") errors.push(fieldError.notSupported("spec.sessionAffinity", affinity, ["ClientIP", "None"]));
  if (affinity === "ClientIP") {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    const path = "spec.sessionAffinityConfig.clientIP.timeoutSeconds";
    if (timeout === undefined) errors.push(fieldError.required(path, "when session affinity type is ClientIP"));
    else if (timeout <= 0 || timeout > 86400) errors.push(invalid(path, timeout, "must be greater than 0 and less than 86400"));
  } else if (affinity === "None" && spec.sessionAffinityConfig) {
    errors.push(fieldError.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
  }
  errors.push(...clusterIPsErrors(spec));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    const msgs = ipErrors(ip);
    errors.push(...(msgs.length ? msgs : specialIPErrors(ip)).map((msg) => invalid(`spec.externalIPs[${i}]`, ip, msg)));
  });
  const types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
  if (!type) errors.push(fieldError.required("spec.type"));
  else if (!types.includes(type)) errors.push(fieldError.notSupported("spec.type", type, types));
  const lbOnly = "may only be used when `type` is 'LoadBalancer'";
  const ranges = spec.loadBalancerSourceRanges ?? [];
  // kube names this path with a capital L.
  if (ranges.length && type !== "LoadBalancer") errors.push(fieldError.forbidden("spec.LoadBalancerSourceRanges", lbOnly));
  ranges.forEach((range, i) => {
    errors.push(...cidrErrors(range.trim()).map((msg) => invalid(`spec.LoadBalancerSourceRanges[${i}]`, range.trim(), msg)));
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== "LoadBalancer") errors.push(fieldError.forbidden("spec.allocateLoadBalancerNodePorts", lbOnly));
  if (type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts === undefined) errors.push(fieldError.required("allocateLoadBalancerNodePorts"));
  if (spec.loadBalancerClass !== undefined) {
    if (type !== "LoadBalancer") errors.push(fieldError.forbidden("spec.loadBalancerClass", lbOnly));
    else errors.push(...qualifiedNameErrors(spec.loadBalancerClass).map((msg) => invalid("spec.loadBalancerClass", spec.loadBalancerClass, msg)));
  }
  const etp = spec.externalTrafficPolicy ?? "";
  if (!externallyAccessible(spec)) {
    if (etp) errors.push(invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"));
  } else if (!etp) errors.push(fieldError.required("spec.externalTrafficPolicy"));
  else if (etp !== "Cluster" && etp !== "Local") errors.push(fieldError.notSupported("spec.externalTrafficPolicy", etp, ["Cluster", "Local"]));
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(spec)) {
    if (hc) errors.push(invalid("spec.healthCheckNodePort", hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (!hc) errors.push(fieldError.required("spec.healthCheckNodePort"));
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined && ["NodePort", "LoadBalancer", "ClusterIP"].includes(type)) errors.push(fieldError.required("spec.internalTrafficPolicy"));
  if (itp !== undefined && itp !== "Cluster" && itp !== "Local") errors.push(fieldError.notSupported("spec.internalTrafficPolicy", itp, ["Cluster", "Local"]));
  const distributions = ["PreferClose", "PreferSameZone", "PreferSameNode"];
  if (spec.trafficDistribution !== undefined && !distributions.includes(spec.trafficDistribution)) {
    errors.push(fieldError.notSupported("spec.trafficDistribution", spec.trafficDistribution, distributions));
  }
  return [...errors, ...allocationErrors(spec), ...validateLoadBalancerStatus(svc)];
}

function validateLoadBalancerStatus(svc: Service): FieldError[] {
  const entries = svc.status?.loadBalancer?.ingress ?? [];
  if (entries.length && svc.spec?.type !== "LoadBalancer") {
    return [fieldError.forbidden("status.loadBalancer.ingress", "may only be used when `spec.type` is 'LoadBalancer'")];
  }
  return entries.flatMap((entry, i) => {
    const path = `status.loadBalancer.ingress[${i}]`;
    const errors = entry.ip ? ipErrors(entry.ip).map((msg) => invalid(`${path}.ip`, entry.ip, msg)) : [];
    if (entry.ip && !entry.ipMode) errors.push(fieldError.required(`${path}.ipMode`, "must be specified when `ip` is set"));
    else if (entry.ipMode && !entry.ip) errors.push(fieldError.forbidden(`${path}.ipMode`, "may not be specified when `ip` is not set"));
    else if (entry.ipMode && entry.ipMode !== "VIP" && entry.ipMode !== "Proxy") errors.push(fieldError.notSupported(`${path}.ipMode`, entry.ipMode, ["Proxy", "VIP"]));
    if (entry.hostname) {
      errors.push(...dns1123SubdomainErrors(entry.hostname).map((msg) => invalid(`${path}.hostname`, entry.hostname, msg)));
      if (parseIP(entry.hostname)) errors.push(invalid(`${path}.hostname`, entry.hostname, "must be a DNS name, not an IP address"));
    }
    return errors;
  });
}

function applyServiceDefaults(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= "ClusterIP";
  for (const p of spec.ports ?? []) {
    p.protocol ||= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= "Cluster";
  if (["NodePort", "LoadBalancer", "ClusterIP"].includes(spec.type)) spec.internalTrafficPolicy ??= "Cluster";
  if (spec.type === "LoadBalancer") {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const entry of svc.status?.loadBalancer?.ingress ?? []) if (entry.ip && !entry.ipMode) entry.ipMode = "VIP";
  }
}

/** kube's EXTERNAL-IP cell (as printed for -o wide, which the server always generates). */
function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case "ClusterIP":
    case "NodePort":
      return external.length ? external.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((e) => e.ip || e.hostname || "").filter(Boolean))].sort();
      return [...lb, ...external].join(",") || "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
    default:
      return "<unknown>";
  }
}

/** The Service that names the API server inside the cluster, which kube-apiserver keeps in `default`. */
export const kubernetesService = {
  namespace: "default",
  name: "kubernetes",
  /** Its first address is the service range's first (10.96.0.1); it forwards 443 to the API's own port. */
  object(securePort: number): KubeObject {
    const clusterIP = ipv4Text(serviceCIDR.base + 1);
    return {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: { type: "ClusterIP", clusterIP, clusterIPs: [clusterIP], ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: securePort }], sessionAffinity: "None" },
    };
  },
};

export const services = {
  group: "",
  version: "v1",
  kind: "Service",
  plural: "services",
  singular: "service",
  namespaced: true,
  shortNames: ["svc"],
  categories: ["all"],
  nameRule: "dns1035-label",
  schema,
  status: true,
  applyDefaults: (obj) => applyServiceDefaults(obj as Service),
  prepareForCreate: (obj, ctx) => prepareServiceCreate(obj as Service, ctx.now),
  prepareForUpdate: (obj, old, ctx) => prepareServiceUpdate(obj as Service, old as Service, ctx.now),
  validate: (obj) => validateService(obj as Service),
  validateUpdate: (obj, old) => validateServiceUpdate((obj as Service).spec ?? {}, (old as Service).spec ?? {}),
  afterCommit(obj, effects, event) {
    const { name, namespace } = obj.metadata;
    if (event === "DELETED" && name === kubernetesService.name && namespace === kubernetesService.namespace) effects.ensureNamespaceDefaults(namespace);
  },
  table: {
    columns: [
      nameColumn,
      column("Type", "string", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
      column("Cluster-IP", "string", "The service's virtual address inside the cluster."),
      column("External-IP", "string", "Addresses the service is reachable on from outside the cluster."),
      column("Port(s)", "string", "The ports the service exposes, with node ports where allocated."),
      ageColumn,
      column("Selector", "string", "The labels of the pods the service routes to.", 1),
    ],
    cells(obj, { now }) {
      const svc = obj as Service;
      const spec = svc.spec ?? {};
      const ports = (spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(",");
      const selector = Object.keys(spec.selector ?? {}).sort().map((k) => `${k}=${spec.selector![k]}`).join(",");
      return [obj.metadata.name ?? "", spec.type ?? "", spec.clusterIPs?.[0] ?? "<none>", externalIP(svc), ports || "<none>", creationAge(obj, now), selector || "<none>"];
    },
  },
} satisfies KindDefinition;
