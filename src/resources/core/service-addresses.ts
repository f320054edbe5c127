// Where a Service's addresses come from (IP families, cluster IP, node ports) and which changes to them kube
// allows. This server is a single-stack IPv4 cluster with kube's default ranges.
//
// Allocation. kube allocates cluster IPs and node ports from cluster-wide bitmaps; hooks here are pure and see
// one object, so there is no pool to consult. An address is instead drawn, as kube's allocator draws a random
// start, from a hash of the object's uid (random per object, set before the hooks run): cluster IPs from the
// dynamic band of 10.96.0.0/12 (above the 256 addresses kube keeps for static picks, ~1M choices), node ports
// from 30000-32767. Nothing is counted or stored, an object always draws the same value, and a re-created one
// draws a new one. Two services can still draw the same value (birthday odds: ~0.5% at 100 services for IPs,
// ~7% at 20 node ports): refusing or redrawing a taken value, as kube does, needs a uniqueness check in storage.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { ipErrors, parseIP } from "../schema-types.ts";
import type { Service, ServiceSpec } from "./services.ts";

export const serviceCIDR = { text: "10.96.0.0/12", base: ((10 << 24) | (96 << 16)) >>> 0, size: 1 << 20, reservedLow: 256 };
export const nodePortRange = { min: 30000, max: 32767, text: "30000-32767" };

export const isHeadless = (s: ServiceSpec) => s.clusterIPs?.length === 1 && s.clusterIPs[0] === "None";
export const needsNodePorts = (s: ServiceSpec) => s.type === "NodePort" || s.type === "LoadBalancer";
export const needsHealthCheck = (s: ServiceSpec) => s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local";
export const selectorless = (s: ServiceSpec) => Object.keys(s.selector ?? {}).length === 0;
const needsClusterIP = (s: ServiceSpec) => s.type !== "ExternalName";
const invalid = fieldError.invalid;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const ipv4Text = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

/** ValidateServiceClusterIPsRelatedFields: clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy agree. */
export function clusterIPsErrors(spec: ServiceSpec): FieldError[] {
  if (spec.type === "ExternalName") return [];
  const errors: FieldError[] = [];
  const ips = spec.clusterIPs ?? [];
  const families = spec.ipFamilies ?? [];
  if (spec.clusterIP) {
    if (!ips.length) errors.push(fieldError.required("spec.clusterIPs"));
    else if (ips[0] !== spec.clusterIP) errors.push(invalid("spec.clusterIPs", ips, "first value must match `clusterIP`"));
  } else if (ips.length) errors.push(invalid("spec.clusterIPs", ips, "must be empty when `clusterIP` is not specified"));
  families.forEach((f, i) => {
    if (f !== "IPv4" && f !== "IPv6") errors.push(fieldError.notSupported(`spec.ipFamilies[${i}]`, f, ["IPv4", "IPv6"]));
    if (families.indexOf(f) < i) errors.push(fieldError.duplicate(`spec.ipFamilies[${i}]`, f));
  });
  const policies = ["PreferDualStack", "RequireDualStack", "SingleStack"];
  if (spec.ipFamilyPolicy !== undefined && !policies.includes(spec.ipFamilyPolicy)) {
    errors.push(fieldError.notSupported("spec.ipFamilyPolicy", spec.ipFamilyPolicy, policies));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === "None") {
      if (ips.length > 1) errors.push(invalid("spec.clusterIPs", ips, "'None' must be the first and only value"));
      badIPs ||= ips.length > 1;
      return;
    }
    const msgs = ipErrors(ip);
    badIPs ||= msgs.length > 0;
    errors.push(...msgs.map((msg) => invalid(`spec.clusterIPs[${i}]`, ip, msg)));
  });
  if (ips.length > 2) errors.push(invalid("spec.clusterIPs", ips, "may only hold up to 2 values"));
  if (badIPs) return errors;
  if (ips.length > 1 && new Set(ips.map((ip) => parseIP(ip)?.family)).size !== ips.length) {
    errors.push(invalid("spec.clusterIPs", ips, "may specify no more than one IP for each IP family"));
  }
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      const want = families[i];
      if ((want === "IPv4" || want === "IPv6") && parseIP(ip)?.family !== want) {
        errors.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an ${want} value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errors;
}

/** Sets ipFamilyPolicy and ipFamilies as kube's allocator does on a single-stack IPv4 cluster. */
function initIPFamilies(spec: ServiceSpec, old?: ServiceSpec): void {
  if (spec.type === "ExternalName" || clusterIPsErrors(spec).length > 0) return;
  const headlessSelectorless = spec.clusterIP === "None" && selectorless(spec);
  spec.ipFamilyPolicy ||= old?.ipFamilyPolicy || (headlessSelectorless ? "RequireDualStack" : "SingleStack");
  if (old && spec.ipFamilyPolicy === "SingleStack") {
    // Asking for single-stack with unchanged lists releases the secondary entries.
    if (same(old.clusterIPs, spec.clusterIPs) && (spec.clusterIPs?.length ?? 0) > 1) spec.clusterIPs = spec.clusterIPs!.slice(0, 1);
    if (same(old.ipFamilies, spec.ipFamilies) && (spec.ipFamilies?.length ?? 0) > 1) spec.ipFamilies = spec.ipFamilies!.slice(0, 1);
  }
  const families = [...(spec.ipFamilies ?? [])];
  for (const [i, ip] of (spec.clusterIPs ?? []).entries()) {
    if (ip === "None") break;
    if (i >= families.length && parseIP(ip)?.family === "IPv4") families.push("IPv4");
  }
  if (families.length === 0) families.push("IPv4");
  // A headless service without a selector needs no address, so it may name both families even here.
  if (headlessSelectorless && families.length < 2 && spec.ipFamilyPolicy !== "SingleStack") families.push(families[0] === "IPv4" ? "IPv6" : "IPv4");
  spec.ipFamilies = families;
}

/** Fills in the cluster IP, node ports and health check port the service needs and lacks. */
function allocate(spec: ServiceSpec, seed: string): void {
  const wantsIP = needsClusterIP(spec) && !isHeadless(spec) && !spec.clusterIPs?.length && spec.ipFamilies?.[0] === "IPv4";
  if (wantsIP && clusterIPsErrors(spec).length === 0) {
    const room = serviceCIDR.size - serviceCIDR.reservedLow - 1;
    const ip = ipv4Text(serviceCIDR.base + serviceCIDR.reservedLow + (hash32(`${seed}/clusterIP`) % room));
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  const ports = spec.ports ?? [];
  const used = new Set<number>([...ports.map((p) => p.nodePort ?? 0), spec.healthCheckNodePort ?? 0].filter((n) => n > 0));
  const span = nodePortRange.max - nodePortRange.min + 1;
  const pick = (label: string) => {
    let offset = hash32(`${seed}/${label}`) % span;
    for (let tries = 0; tries < span && used.has(nodePortRange.min + offset); tries++) offset = (offset + 1) % span;
    used.add(nodePortRange.min + offset);
    return nodePortRange.min + offset;
  };
  const shouldAllocate = spec.type === "NodePort" || (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false);
  // Ports that share a number (53/TCP and 53/UDP) share a node port: the one requested for any of them, if any.
  const byNumber = new Map<number, number>();
  for (const p of ports) {
    if (!p.nodePort && !shouldAllocate) continue;
    let np = byNumber.get(p.port);
    if (np === undefined) {
      np = ports.find((q) => q.port === p.port && q.nodePort)?.nodePort ?? pick(`nodePort/${p.port}`);
      byNumber.set(p.port, np);
    }
    p.nodePort ||= np;
  }
  if (needsHealthCheck(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = pick("healthCheckNodePort");
}

const seedOf = (svc: Service, now: Date) => svc.metadata.uid ?? `${svc.metadata.namespace}/${svc.metadata.name}/${now.toISOString()}`;

export function prepareServiceCreate(svc: Service, now: Date): void {
  svc.status = { loadBalancer: {} };
  const spec = (svc.spec ??= {});
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  initIPFamilies(spec);
  allocate(spec, seedOf(svc, now));
}

/** Keeps what was allocated when a client omits it, syncs clusterIP(s), allocates anew, and drops what a type change orphans. */
export function prepareServiceUpdate(svc: Service, old: Service, now: Date): void {
  const spec = (svc.spec ??= {});
  const before = old.spec ?? {};
  if (needsClusterIP(before) && needsClusterIP(spec)) {
    spec.clusterIP ||= before.clusterIP;
    if (!spec.clusterIPs?.length && before.clusterIPs?.length) spec.clusterIPs = [...before.clusterIPs];
  }
  if (needsNodePorts(before) && needsNodePorts(spec)) {
    const inNew = new Set((spec.ports ?? []).map((p) => p.nodePort).filter(Boolean));
    const taken = new Set((before.ports ?? []).map((p) => p.nodePort).filter((n) => n && inNew.has(n)));
    const byName = new Map((before.ports ?? []).map((p) => [p.name ?? "", p.nodePort ?? 0]));
    for (const p of spec.ports ?? []) {
      const previous = byName.get(p.name ?? "") ?? 0;
      if (!p.nodePort && previous && !taken.has(previous)) p.nodePort = previous;
    }
  }
  if (needsHealthCheck(before) && needsHealthCheck(spec)) spec.healthCheckNodePort ||= before.healthCheckNodePort;
  // An old client may send clusterIP alone: clusterIPs follow it unless the client changed them too.
  if (before.clusterIPs?.length && !spec.clusterIPs?.length && before.clusterIP === spec.clusterIP) spec.clusterIPs = [...before.clusterIPs];
  if (before.clusterIP !== spec.clusterIP && same(before.clusterIPs, spec.clusterIPs)) {
    spec.clusterIPs = spec.clusterIP ? [spec.clusterIP] : undefined;
  }
  initIPFamilies(spec, before);
  allocate(spec, seedOf(old, now));
  dropTypeDependentFields(svc, old);
}

/** kube's dropTypeDependentFields: a type change releases what only the old type used, unless the client changed it. */
function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = svc.spec!;
  const before = old.spec ?? {};
  if (needsClusterIP(before) && !needsClusterIP(spec)) {
    if (before.clusterIP === spec.clusterIP && same(before.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(before.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if ((before.ipFamilyPolicy ?? "") === (spec.ipFamilyPolicy ?? "")) delete spec.ipFamilyPolicy;
  }
  const nodePortsOf = (s: ServiceSpec) => new Set((s.ports ?? []).map((p) => p.nodePort).filter(Boolean));
  const oldPorts = nodePortsOf(before);
  if (needsNodePorts(before) && !needsNodePorts(spec) && [...nodePortsOf(spec)].every((n) => oldPorts.has(n))) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(before) && !needsHealthCheck(spec) && before.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (before.type === "LoadBalancer" && spec.type !== "LoadBalancer") {
    if (before.allocateLoadBalancerNodePorts !== undefined && before.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (before.loadBalancerClass === spec.loadBalancerClass) delete spec.loadBalancerClass;
    if (svc.status) svc.status = { ...svc.status, loadBalancer: {} };
  }
  if (needsNodePorts(before) && !needsNodePorts(spec) && before.externalTrafficPolicy === spec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

/** What kube's allocator refuses: other families, addresses outside 10.96.0.0/12, node ports outside 30000-32767. */
export function allocationErrors(spec: ServiceSpec): FieldError[] {
  if (spec.type === "ExternalName") return [];
  const errors: FieldError[] = [];
  const ips = spec.clusterIPs ?? [];
  const families = spec.ipFamilies ?? [];
  const policy = spec.ipFamilyPolicy;
  const dual = "must be 'RequireDualStack' or 'PreferDualStack' when multiple";
  if (policy === "SingleStack" && ips.length === 2) errors.push(invalid("spec.ipFamilyPolicy", policy, `${dual} cluster IPs are specified`));
  if (policy === "SingleStack" && families.length === 2) errors.push(invalid("spec.ipFamilyPolicy", policy, `${dual} IP families are specified`));
  if (!(spec.clusterIP === "None" && selectorless(spec))) {
    if (policy === "RequireDualStack") errors.push(invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services"));
    families.forEach((f, i) => f === "IPv6" && errors.push(invalid(`spec.ipFamilies[${i}]`, f, "not configured on this cluster")));
    ips.forEach((ip, i) => {
      const parsed = parseIP(ip);
      if (parsed?.family === "IPv6" && i >= families.length) errors.push(invalid(`spec.clusterIPs[${i}]`, ips, "IPv6 is not configured on this cluster"));
      const n = parsed?.family === "IPv4" ? parsed.bytes.reduce((acc, b) => acc * 256 + b, 0) : undefined;
      if (n !== undefined && (n <= serviceCIDR.base || n >= serviceCIDR.base + serviceCIDR.size - 1)) {
        const why = `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${serviceCIDR.text}`;
        errors.push(invalid("spec.clusterIPs", ips, `failed to allocate IP ${ip}: ${why}`));
      }
    });
  }
  const outOfRange = (n: number) => n < nodePortRange.min || n > nodePortRange.max;
  const portMsg = `provided port is not in the valid range. The range of valid ports is ${nodePortRange.text}`;
  (spec.ports ?? []).forEach((p, i) => p.nodePort && outOfRange(p.nodePort) && errors.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, portMsg)));
  if (spec.healthCheckNodePort && outOfRange(spec.healthCheckNodePort)) errors.push(invalid("spec.healthCheckNodePort", spec.healthCheckNodePort, portMsg));
  return errors;
}

/** Cluster IPs and IP families may grow or shrink (dual-stack), but their first entries never change once set. */
export function validateServiceUpdate(spec: ServiceSpec, before: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  const external = spec.type === "ExternalName" || before.type === "ExternalName";
  const [ips, oldIPs] = [spec.clusterIPs ?? [], before.clusterIPs ?? []];
  const singleStack = (what: string) => invalid("spec.ipFamilyPolicy", spec.ipFamilyPolicy ?? null, `must be set to 'SingleStack' when releasing the secondary ${what}`);
  if (!external && !(isHeadless(spec) && isHeadless(before))) {
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => ip !== ips[i] && errors.push(invalid(`spec.clusterIPs[${i}]`, ips, "may not change once set")));
    } else if (ips.length < oldIPs.length) {
      if (!ips.length) errors.push(invalid("spec.clusterIPs[0]", ips, "primary clusterIP can not be unset"));
      else if (ips[0] !== oldIPs[0]) errors.push(invalid("spec.clusterIPs[0]", ips, "may not change once set"));
      if (ips.length === 1 && spec.ipFamilyPolicy !== "SingleStack") errors.push(singleStack("clusterIP"));
    } else if (oldIPs.length && ips[0] !== oldIPs[0]) errors.push(invalid("spec.clusterIPs[0]", ips, "may not change once set"));
  }
  const [families, oldFamilies] = [spec.ipFamilies ?? [], before.ipFamilies ?? []];
  if (!external && isHeadless(spec) === isHeadless(before) && !isHeadless(spec)) {
    if (families.length === oldFamilies.length) {
      oldFamilies.forEach((f, i) => f !== families[i] && errors.push(invalid("spec.ipFamilies[0]", families, "may not change once set")));
    } else if (families.length < oldFamilies.length) {
      if (!ips.length) errors.push(invalid("spec.ipFamilies[0]", families, "primary ipFamily can not be unset"));
      if (families.length && families[0] !== oldFamilies[0]) errors.push(invalid("spec.ipFamilies[0]", ips, "may not change once set"));
      if (families.length === 1 && spec.ipFamilyPolicy !== "SingleStack") errors.push(singleStack("ipFamily"));
    } else if (oldFamilies.length && families.length && families[0] !== oldFamilies[0]) {
      errors.push(invalid("spec.ipFamilies[0]", ips, "may not change once set"));
    }
  }
  if (spec.type === "LoadBalancer" && before.type === "LoadBalancer" && spec.loadBalancerClass !== before.loadBalancerClass) {
    errors.push(invalid("spec.loadBalancerClass", spec.loadBalancerClass ?? null, "may not change once set"));
  }
  if (needsHealthCheck(spec) && needsHealthCheck(before) && spec.healthCheckNodePort !== before.healthCheckNodePort) {
    errors.push(fieldError.forbidden("spec.healthCheckNodePort", "field is immutable"));
  }
  return errors;
}
