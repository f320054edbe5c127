// The pod table as kube's printer computes it: READY counts ready containers (sidecars included), STATUS is
// the most telling reason found in the container states, RESTARTS adds how long ago the last restart was.

import type { KubeObject } from "../../api/object.ts";
import type { CellValue, TableDefinition } from "../definition.ts";
import { age, ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import type { PodSpec } from "./pod-spec-schema.ts";

interface ContainerState {
  waiting?: { reason?: string };
  running?: Record<string, unknown>;
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

interface PodStatus {
  phase?: string;
  qosClass?: string;
  reason?: string;
  podIPs?: { ip?: string }[];
  nominatedNodeName?: string;
  conditions?: PodCondition[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

export interface PodObject extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

const hasCondition = (status: PodStatus, type: string) => (status.conditions ?? []).some((c) => c.type === type && c.status === "True");

/** Tracks the restart count and the latest restart time over a set of container statuses. */
class Restarts {
  count = 0;
  last = 0;
  add(s: ContainerStatus): void {
    this.count += s.restartCount ?? 0;
    const finished = Date.parse(s.lastState?.terminated?.finishedAt ?? "");
    if (!Number.isNaN(finished) && finished > this.last) this.last = finished;
  }
}

function exitReason(t: NonNullable<ContainerState["terminated"]>, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

export function podCells(pod: PodObject, now: Date): CellValue[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const sidecars = new Set((spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  const total = (spec.containers ?? []).length + sidecars.size;
  let ready = 0;
  let reason = status.reason || status.phase || "";
  if ((status.conditions ?? []).some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";

  const all = new Restarts();
  const sidecarRestarts = new Restarts();
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (const [i, s] of inits.entries()) {
    all.add(s);
    const sidecar = sidecars.has(s.name);
    if (sidecar) sidecarRestarts.add(s);
    const t = s.state?.terminated;
    if (t && (t.exitCode ?? 0) === 0) continue;
    if (sidecar && s.started) {
      if (s.ready) ready++;
      continue;
    }
    initializing = true;
    const waiting = s.state?.waiting?.reason;
    if (t) reason = exitReason(t, "Init:");
    else if (waiting && waiting !== "PodInitializing") reason = `Init:${waiting}`;
    else reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    break;
  }

  let restarts = all;
  if (!initializing || hasCondition(status, "Initialized")) {
    restarts = sidecarRestarts;
    let running = false;
    for (const s of [...(status.containerStatuses ?? [])].reverse()) {
      restarts.add(s);
      const t = s.state?.terminated;
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (t) reason = exitReason(t, "");
      else if (s.ready && s.state?.running) {
        running = true;
        ready++;
      }
    }
    if (reason === "Completed" && running) reason = hasCondition(status, "Ready") ? "Running" : "NotReady";
  }

  const terminal = status.phase === "Succeeded" || status.phase === "Failed";
  if (pod.metadata.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && !terminal) reason = "Terminating";

  const restartText = restarts.count !== 0 && restarts.last > 0 ? `${restarts.count} (${age(new Date(restarts.last).toISOString(), now)} ago)` : String(restarts.count);
  const gates = spec.readinessGates ?? [];
  const gatesText = gates.length
    ? `${gates.filter((g) => (status.conditions ?? []).find((c) => c.type === g.conditionType)?.status === "True").length}/${gates.length}`
    : "<none>";
  return [
    pod.metadata.name ?? "",
    `${ready}/${total}`,
    reason,
    restartText,
    creationAge(pod, now),
    status.podIPs?.[0]?.ip || "<none>",
    spec.nodeName || "<none>",
    status.nominatedNodeName || "<none>",
    gatesText,
  ];
}

export const podTable: TableDefinition = {
  columns: [
    nameColumn,
    column("Ready", "string", "How many of the pod's containers are ready, out of how many."),
    column("Status", "string", "A summary of the pod's state, taken from its phase and its containers' states."),
    column("Restarts", "string", "How often the pod's containers restarted, and how long ago the last restart was."),
    ageColumn,
    column("IP", "string", "The pod's first IP address.", 1),
    column("Node", "string", "The node the pod is bound to.", 1),
    column("Nominated Node", "string", "The node the scheduler nominated for the pod while preempting others.", 1),
    column("Readiness Gates", "string", "How many of the pod's readiness gates are satisfied, out of how many.", 1),
  ],
  cells: (obj, { now }) => podCells(obj as PodObject, now),
};
