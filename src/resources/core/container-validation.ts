// kube's checks of one container (validateContainerCommon and the probe rules), with kube's field paths and
// messages. Used for init, regular and ephemeral containers of pods and of every pod template.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { dns1123LabelErrors } from "../../api/validation/names.ts";
import { portNameErrors, portNumberErrors, protocolErrors, quantityValue } from "../schema-types.ts";
import type { Container, Probe } from "./pod-spec-schema.ts";

export interface ContainerRules {
  /** Volume names a mount may refer to (the pod's volumes, and a StatefulSet's claim templates). */
  volumes: ReadonlySet<string>;
  /** Checks only a Pod gets, not a template (an image without surrounding spaces). */
  isPod: boolean;
}

const pullPolicies = ["Always", "IfNotPresent", "Never"];
const messagePolicies = ["File", "FallbackToLogsOnError"];
const handlerTypes = ["exec", "httpGet", "tcpSocket", "grpc"];
const envSources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"];

function validatePorts(ports: Container["ports"], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const at = `${path}[${i}]`;
    if (port.name) {
      const msgs = portNameErrors(port.name);
      for (const msg of msgs) errors.push(fieldError.invalid(`${at}.name`, port.name, msg));
      if (msgs.length === 0 && names.has(port.name)) errors.push(fieldError.duplicate(`${at}.name`, port.name));
      names.add(port.name);
    }
    if (!port.containerPort) errors.push(fieldError.required(`${at}.containerPort`));
    else for (const msg of portNumberErrors(port.containerPort)) errors.push(fieldError.invalid(`${at}.containerPort`, port.containerPort, msg));
    if (port.hostPort) for (const msg of portNumberErrors(port.hostPort)) errors.push(fieldError.invalid(`${at}.hostPort`, port.hostPort, msg));
    errors.push(...protocolErrors(`${at}.protocol`, port.protocol));
  });
  return errors;
}

function validateEnv(env: Container["env"], path: string): FieldError[] {
  const errors: FieldError[] = [];
  (env ?? []).forEach((v, i) => {
    const at = `${path}[${i}]`;
    if (!v.name) errors.push(fieldError.required(`${at}.name`));
    else if (!/^[\x20-\x3c\x3e-\x7e]+$/.test(v.name)) {
      errors.push(fieldError.invalid(`${at}.name`, v.name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    }
    if (!v.valueFrom) return;
    const sources = envSources.filter((s) => (v.valueFrom as Record<string, unknown>)[s] !== undefined);
    if (sources.length === 0) {
      errors.push(fieldError.invalid(`${at}.valueFrom`, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    } else if (v.value) {
      errors.push(fieldError.invalid(`${at}.valueFrom`, "", "may not be specified when `value` is not empty"));
    } else if (sources.length > 1) {
      errors.push(fieldError.invalid(`${at}.valueFrom`, "", "may not have more than one field specified at a time"));
    }
  });
  return errors;
}

function validateMounts(mounts: Container["volumeMounts"], volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const at = `${path}[${i}]`;
    if (!m.name) errors.push(fieldError.required(`${at}.name`));
    if (!volumes.has(m.name ?? "")) errors.push({ type: "FieldValueNotFound", field: `${at}.name`, value: m.name ?? "" });
    if (!m.mountPath) errors.push(fieldError.required(`${at}.mountPath`));
    if (m.mountPath !== undefined && paths.has(m.mountPath)) errors.push(fieldError.invalid(`${at}.mountPath`, m.mountPath, "must be unique"));
    paths.add(m.mountPath ?? "");
  });
  return errors;
}

/** Native resources (no domain, or kubernetes.io) other than huge pages may request less than their limit. */
function overcommitAllowed(name: string): boolean {
  const native = !name.includes("/") || name.startsWith("kubernetes.io/");
  return native && !name.startsWith("hugepages-");
}

/** ValidateResourceRequirements: quantities are not negative and requests stay within limits. */
export function validateResources(resources: Container["resources"], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const limits = resources?.limits ?? {};
  const requests = resources?.requests ?? {};
  const nonNegative = (kind: string, values: Record<string, string | number>) => {
    for (const [name, value] of Object.entries(values)) {
      if ((quantityValue(value) ?? 0) < 0) errors.push(fieldError.invalid(`${path}.${kind}[${name}]`, String(value), "must be greater than or equal to 0"));
    }
  };
  nonNegative("limits", limits);
  nonNegative("requests", requests);
  for (const [name, value] of Object.entries(requests)) {
    if (!(name in limits)) continue;
    const request = quantityValue(value) ?? 0;
    const limit = quantityValue(limits[name]) ?? 0;
    if (request !== limit && !overcommitAllowed(name)) {
      errors.push(fieldError.invalid(`${path}.requests`, String(value), `must be equal to ${name} limit of ${String(limits[name])}`));
    } else if (request > limit) {
      errors.push(fieldError.invalid(`${path}.requests`, String(value), `must be less than or equal to ${name} limit of ${String(limits[name])}`));
    }
  }
  return errors;
}

/** validateHandler: exactly one way to act. */
export function validateHandler(handler: Record<string, unknown>, path: string, types: readonly string[] = handlerTypes): FieldError[] {
  const present = types.filter((t) => handler[t] !== undefined);
  if (present.length === 0) return [fieldError.required(path, "must specify a handler type")];
  return present.slice(1).map((t) => fieldError.forbidden(`${path}.${t}`, "may not specify more than 1 handler type"));
}

export function validateProbe(probe: Probe | undefined, path: string, kind: "liveness" | "readiness" | "startup"): FieldError[] {
  if (!probe) return [];
  const errors = validateHandler(probe, path);
  for (const key of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    const value = probe[key];
    if (value !== undefined && value < 0) errors.push(fieldError.invalid(`${path}.${key}`, value, "must be greater than or equal to 0"));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace <= 0) errors.push(fieldError.invalid(`${path}.terminationGracePeriodSeconds`, grace, "must be greater than 0"));
  if (kind !== "readiness" && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errors.push(fieldError.invalid(`${path}.successThreshold`, probe.successThreshold, "must be 1"));
  }
  if (kind === "readiness" && grace !== undefined) {
    errors.push(fieldError.invalid(`${path}.terminationGracePeriodSeconds`, grace, "must not be set for readinessProbes"));
  }
  return errors;
}

/** validateContainerCommon: what every container, of any list, must satisfy. */
export function validateContainer(c: Container, path: string, rules: ContainerRules): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.name) errors.push(fieldError.required(`${path}.name`));
  else for (const msg of dns1123LabelErrors(c.name)) errors.push(fieldError.invalid(`${path}.name`, c.name, msg));
  if (!c.image) errors.push(fieldError.required(`${path}.image`));
  else if (rules.isPod && c.image.trim() !== c.image) {
    errors.push(fieldError.invalid(`${path}.image`, c.image, "must not have leading or trailing whitespace"));
  }
  const policy = c.terminationMessagePolicy;
  if (!policy) errors.push(fieldError.required(`${path}.terminationMessagePolicy`));
  else if (!messagePolicies.includes(policy)) errors.push(fieldError.notSupported(`${path}.terminationMessagePolicy`, policy, messagePolicies));
  errors.push(...validatePorts(c.ports, `${path}.ports`));
  errors.push(...validateEnv(c.env, `${path}.env`));
  errors.push(...validateMounts(c.volumeMounts, rules.volumes, `${path}.volumeMounts`));
  const pull = c.imagePullPolicy;
  if (!pull) errors.push(fieldError.required(`${path}.imagePullPolicy`));
  else if (!pullPolicies.includes(pull)) errors.push(fieldError.notSupported(`${path}.imagePullPolicy`, pull, pullPolicies));
  errors.push(...validateResources(c.resources, `${path}.resources`));
  return errors;
}

/** The probes and hooks of a container that runs for the pod's lifetime (regular, or a sidecar). */
export function validateLongRunning(c: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const hook of ["postStart", "preStop"] as const) {
    const handler = c.lifecycle?.[hook] as Record<string, unknown> | undefined;
    if (handler) errors.push(...validateHandler(handler, `${path}.lifecycle.${hook}`, [...handlerTypes.filter((t) => t !== "grpc"), "sleep"]));
  }
  errors.push(...validateProbe(c.livenessProbe, `${path}.livenessProbe`, "liveness"));
  errors.push(...validateProbe(c.readinessProbe, `${path}.readinessProbe`, "readiness"));
  errors.push(...validateProbe(c.startupProbe, `${path}.startupProbe`, "startup"));
  return errors;
}

/** AccumulateUniqueHostPorts: a host port (with protocol and address) is taken once across containers. */
export function hostPortConflicts(containers: Container[], path: string, seen = new Set<string>()): FieldError[] {
  const errors: FieldError[] = [];
  containers.forEach((c, i) => {
    (c.ports ?? []).forEach((port, j) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ""}/${port.hostIP ?? ""}/${port.hostPort}`;
      if (seen.has(key)) errors.push(fieldError.duplicate(`${path}[${i}].ports[${j}].hostPort`, key));
      seen.add(key);
    });
  });
  return errors;
}
