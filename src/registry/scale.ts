// The /scale subresource: a kind's replicas and selector seen as an autoscaling/v1 Scale.

import { badRequest, conflict, invalid, modifiedConflict } from "../api/errors.ts";
import { fieldError } from "../api/field-errors.ts";
import { cloneJson, isPlainObject, type KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import type { KindDefinition } from "../resources/definition.ts";

export function scaleOf(def: KindDefinition, obj: KubeObject): KubeObject {
  const scale = def.scale!;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: scale.specReplicas(obj) },
    status: { replicas: scale.statusReplicas(obj), selector: scale.selector(obj) },
  };
}

/** The object with the replicas a Scale body asks for, or why not. */
export function applyScale(def: KindDefinition, old: KubeObject, body: KubeObject): { ok: true; object: KubeObject } | { ok: false; status: Status } {
  const name = old.metadata.name ?? "";
  if (!def.scale) return { ok: false, status: badRequest(`${def.plural} do not have a scale subresource`) };
  if (body.kind !== undefined && body.kind !== "Scale") return { ok: false, status: badRequest(`the object provided is unrecognized (must be of type Scale): kind ${String(body.kind)}`) };
  if (body.metadata.name !== undefined && body.metadata.name !== name) {
    return { ok: false, status: badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`) };
  }
  const rv = body.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) return { ok: false, status: conflict({ group: def.group, resource: def.plural }, name, modifiedConflict) };
  const spec = isPlainObject(body.spec) ? body.spec : {};
  const replicas = spec.replicas ?? 0;
  if (typeof replicas !== "number" || !Number.isInteger(replicas)) {
    return { ok: false, status: badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`) };
  }
  if (replicas < 0) {
    return { ok: false, status: invalid("autoscaling", "Scale", name, [fieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0")]) };
  }
  const next = cloneJson(old);
  def.scale.setSpecReplicas(next, replicas);
  return { ok: true, object: next };
}
