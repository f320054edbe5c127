// A pod's quality-of-service class, as kube computes it at creation (status.qosClass): from the pod-level
// resources when they name cpu or memory, else from the containers' cpu and memory requests and limits.

import { quantityValue } from "../schema-types.ts";
import type { PodSpec } from "./pod-spec-schema.ts";

export type QosClass = "Guaranteed" | "Burstable" | "BestEffort";

type Amounts = Map<string, number>;
type ResourceList = Record<string, string | number> | undefined;

const computeResources = new Set(["cpu", "memory"]);

/** Adds the positive cpu and memory amounts of a list; returns which of them it had. */
function addPositive(into: Amounts, list: ResourceList): Set<string> {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const amount = quantityValue(value) ?? 0;
    if (!computeResources.has(name) || amount <= 0) continue;
    found.add(name);
    // Nano units keep sums of decimal quantities ("0.1" + "0.2") exact enough to compare.
    into.set(name, (into.get(name) ?? 0) + Math.round(amount * 1e9));
  }
  return found;
}

const hasCpuAndMemory = (names: Set<string>) => names.has("cpu") && names.has("memory");

export function podQosClass(spec: PodSpec): QosClass {
  const requests: Amounts = new Map();
  const limits: Amounts = new Map();
  let guaranteed = true;
  const podLevel = spec.resources;
  const podLevelSet = [podLevel?.requests, podLevel?.limits].some((list) => Object.keys(list ?? {}).some((n) => computeResources.has(n)));
  if (podLevelSet) {
    addPositive(requests, podLevel?.requests);
    if (!hasCpuAndMemory(addPositive(limits, podLevel?.limits))) guaranteed = false;
  } else {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      addPositive(requests, c.resources?.requests);
      if (!hasCpuAndMemory(addPositive(limits, c.resources?.limits))) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
