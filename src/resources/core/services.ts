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
import { allocationErrors, clusterIPsErrors, isHeadless, needsHealthCheck, needsNodePorts } from "./service-addresses.ts";
import { prepareServiceCreate, prepareServiceUpdate, validateServiceUpdate } from "./service-addresses.ts";

const servicePort = z.object({
  name: z.string().optional(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
  port: z.number().int(),
  targetPort: intOrString.optional(),
  nodePort: z.number().int().optional(),
});

const specSchema = z.object({
  ports: z.array(servicePort).optional(),
  selector: z.record(z.string(), z.string()).optional(),
  clusterIP: z.string().optional(),
  clusterIPs: z.array(z.string()).optional(),
  type: z.string().optional(),
  externalIPs: z.array(z.string()).optional(),
  sessionAffinity: z.string().optional(),
  loadBalancerIP: z.string().optional(),
  loadBalancerSourceRanges: z.array(z.string()).optional(),
  externalName: z.string().optional(),
  externalTrafficPolicy: z.string().optional(),
  healthCheckNodePort: z.number().int().optional(),
  publishNotReadyAddresses: z.boolean().optional(),
  sessionAffinityConfig: z.object({ clientIP: z.object({ timeoutSeconds: z.number().int().optional() }).optional() }).optional(),
  ipFamilies: z.array(z.string()).optional(),
  ipFamilyPolicy: z.string().optional(),
  allocateLoadBalancerNodePorts: z.boolean().optional(),
  loadBalancerClass: z.string().optional(),
  internalTrafficPolicy: z.string().optional(),
  trafficDistribution: z.string().optional(),
});

const ingress = z.looseObject({ ip: z.string().optional(), hostname: z.string().optional(), ipMode: z.string().optional() });

const schema = z.object({
  ...envelope,
  spec: specSchema.optional(),
  status: z.looseObject({ loadBalancer: z.looseObject({ ingress: z.array(ingress).optional() }).optional(), conditions: z.array(condition).optional() }).optional(),
});

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
