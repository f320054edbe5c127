// kube's ValidatePodSpec and ValidatePodTemplateSpec: the rules every pod and every workload template obey,
// reported with kube's field paths and messages. Container-level rules are in container-validation.ts.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { validateLabels } from "../../api/validation/metadata.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from "../../api/validation/names.ts";
import { hostPortConflicts, validateContainer, validateLongRunning, type ContainerRules } from "./container-validation.ts";
import type { PodSpec, PodTemplateSpec, Toleration } from "./pod-spec-schema.ts";

export interface PodSpecOptions {
  /** Pod-only checks (not for templates). */
  isPod?: boolean;
  /** Names mounts may use besides spec.volumes (a StatefulSet's volumeClaimTemplates). */
  extraVolumes?: readonly string[];
}

const restartPolicies = ["Always", "OnFailure", "Never"];
const dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const tolerationOperators = ["Equal", "Exists"];
const taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const maxInt32 = 2 ** 31 - 1;

function invalidEach(field: string, value: string, messages: string[]): FieldError[] {
  return messages.map((msg) => fieldError.invalid(field, value, msg));
}

function validateVolumes(spec: PodSpec, path: string): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    const at = `${path}[${i}]`;
    const sources = Object.keys(v).filter((k) => k !== "name");
    if (sources.length === 0) errors.push(fieldError.required(at, "must specify a volume type"));
    for (const extra of sources.slice(1)) errors.push(fieldError.forbidden(`${at}.${extra}`, "may not specify more than 1 volume type"));
    if (!v.name) errors.push(fieldError.required(`${at}.name`));
    else errors.push(...invalidEach(`${at}.name`, v.name, dns1123LabelErrors(v.name)));
    if (v.name !== undefined && names.has(v.name)) errors.push(fieldError.duplicate(`${at}.name`, v.name));
    names.add(v.name ?? "");
  });
  return { errors, names };
}

function validateContainers(spec: PodSpec, path: string, rules: ContainerRules): FieldError[] {
  const containers = spec.containers ?? [];
  if (containers.length === 0) return [fieldError.required(`${path}.containers`)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const at = `${path}.containers[${i}]`;
    errors.push(...validateContainer(c, at, rules));
    if (names.has(c.name ?? "")) errors.push(fieldError.duplicate(`${at}.name`, c.name ?? ""));
    names.add(c.name ?? "");
    errors.push(...validateLongRunning(c, at));
  });
  errors.push(...hostPortConflicts(containers, `${path}.containers`));
  return errors;
}

function validateInitContainers(spec: PodSpec, path: string, rules: ContainerRules): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set((spec.containers ?? []).map((c) => c.name ?? ""));
  (spec.initContainers ?? []).forEach((c, i) => {
    const at = `${path}.initContainers[${i}]`;
    errors.push(...validateContainer(c, at, rules));
    if (names.has(c.name ?? "")) errors.push(fieldError.duplicate(`${at}.name`, c.name ?? ""));
    else if (c.name) names.add(c.name);
    // Init containers run one at a time: their host ports only conflict within one container.
    errors.push(...hostPortConflicts([c], `${path}.initContainers`));
    if (c.restartPolicy === "Always") {
      errors.push(...validateLongRunning(c, at));
      return;
    }
    for (const key of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] as const) {
      if (c[key] !== undefined) errors.push(fieldError.forbidden(`${at}.${key}`, "may not be set for init containers without restartPolicy=Always"));
    }
  });
  return errors;
}

function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const at = `${path}[${i}]`;
    if (t.key) errors.push(...invalidEach(`${at}.key`, t.key, qualifiedNameErrors(t.key)));
    if (!t.key && t.operator !== "Exists") {
      errors.push(fieldError.invalid(`${at}.operator`, t.operator ?? "", 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errors.push(fieldError.invalid(`${at}.effect`, t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (!t.operator || t.operator === "Equal") {
      const msgs = labelValueErrors(t.value ?? "");
      if (msgs.length) errors.push(fieldError.invalid(`${at}.operator`, t.value ?? "", msgs.join(";")));
    } else if (t.operator === "Exists") {
      if (t.value) errors.push(fieldError.invalid(`${at}.operator`, t, "value must be empty when `operator` is 'Exists'"));
    } else {
      errors.push(fieldError.notSupported(`${at}.operator`, t.operator, tolerationOperators));
    }
    if (t.effect && !taintEffects.includes(t.effect)) errors.push(fieldError.notSupported(`${at}.effect`, t.effect, taintEffects));
  });
  return errors;
}

function validateSchedulingGates(spec: PodSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (spec.schedulingGates ?? []).forEach((gate, i) => {
    const name = gate.name ?? "";
    errors.push(...invalidEach(`${path}[${i}].name`, name, qualifiedNameErrors(name)));
    if (seen.has(name)) errors.push(fieldError.duplicate(`${path}[${i}].name`, name));
    seen.add(name);
  });
  return errors;
}

/** Host networking shares the node's ports: a container's host port must be its own port. */
function validateHostNetwork(spec: PodSpec, path: string): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errors: FieldError[] = [];
  (spec.containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((port, j) => {
      if (port.hostPort && port.hostPort !== port.containerPort) {
        errors.push(fieldError.invalid(`${path}.containers[${i}].ports[${j}].hostPort`, port.hostPort, "must match `containerPort` when `hostNetwork` is true"));
      }
    });
  });
  return errors;
}

/** ValidatePodSpec, at `path` (".spec" of a pod, "spec.template.spec" of a workload). */
export function validatePodSpec(spec: PodSpec, path: string, opts: PodSpecOptions = {}): FieldError[] {
  const volumes = validateVolumes(spec, `${path}.volumes`);
  for (const name of opts.extraVolumes ?? []) volumes.names.add(name);
  const rules: ContainerRules = { volumes: volumes.names, isPod: opts.isPod ?? false };
  const errors = [...volumes.errors, ...validateContainers(spec, path, rules), ...validateInitContainers(spec, path, rules)];

  const restart = spec.restartPolicy;
  if (!restart) errors.push(fieldError.required(`${path}.restartPolicy`));
  else if (!restartPolicies.includes(restart)) errors.push(fieldError.notSupported(`${path}.restartPolicy`, restart, restartPolicies));
  const dns = spec.dnsPolicy;
  if (!dns) errors.push(fieldError.required(`${path}.dnsPolicy`));
  else if (!dnsPolicies.includes(dns)) errors.push(fieldError.notSupported(`${path}.dnsPolicy`, dns, dnsPolicies));
  if (dns === "None" && !spec.dnsConfig) errors.push(fieldError.required(`${path}.dnsConfig`, "must provide `dnsConfig` when `dnsPolicy` is None"));

  errors.push(...validateLabels(spec.nodeSelector ?? {}, `${path}.nodeSelector`));
  errors.push(...validateHostNetwork(spec, path));
  for (const key of ["serviceAccountName", "nodeName"] as const) {
    const value = spec[key];
    if (value) errors.push(...invalidEach(`${path}.${key}`, value, dns1123SubdomainErrors(value)));
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > maxInt32)) {
    errors.push(fieldError.invalid(`${path}.activeDeadlineSeconds`, deadline, `must be between 1 and ${maxInt32}, inclusive`));
  }
  for (const key of ["hostname", "subdomain"] as const) {
    const value = spec[key];
    if (value) errors.push(...invalidEach(`${path}.${key}`, value, dns1123LabelErrors(value)));
  }
  errors.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errors.push(...validateSchedulingGates(spec, `${path}.schedulingGates`));
  return errors;
}

/** ValidatePodTemplateSpec: the template's labels and annotations, its spec, and no ephemeral containers. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, path: string, opts: PodSpecOptions = {}): FieldError[] {
  const errors = validateLabels(template?.metadata?.labels ?? {}, `${path}.labels`);
  for (const key of Object.keys(template?.metadata?.annotations ?? {})) {
    errors.push(...invalidEach(`${path}.annotations`, key, qualifiedNameErrors(key.toLowerCase())));
  }
  const spec = template?.spec ?? {};
  errors.push(...validatePodSpec(spec, `${path}.spec`, opts));
  if ((spec.ephemeralContainers ?? []).length > 0) {
    errors.push(fieldError.forbidden(`${path}.spec.ephemeralContainers`, "ephemeral containers not allowed in pod template"));
  }
  return errors;
}
