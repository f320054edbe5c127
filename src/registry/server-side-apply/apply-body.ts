// The checks kube makes on an applied configuration before merging it: it names the URL's group, version
// and kind (autoscaling/v1 Scale through /scale); it carries no managedFields.

import { badRequest } from "../../api/errors.ts";
import { cloneJson, isPlainObject, type KubeObject } from "../../api/object.ts";
import type { Status } from "../../api/status.ts";
import type { KindDefinition } from "../../resources/definition.ts";
import type { PatchRequest } from "../contract.ts";

/** Go's GroupVersionKind.String() of what a body names: "apps/v1, Kind=Deployment", "/v1, Kind=ConfigMap". */
function namedType(body: Record<string, unknown>): string {
  const apiVersion = typeof body.apiVersion === "string" ? body.apiVersion : "";
  const kind = typeof body.kind === "string" ? body.kind : "";
  const parts = apiVersion.split("/");
  if (apiVersion === "") return `/, Kind=${kind}`;
  if (parts.length === 1) return `/${apiVersion}, Kind=${kind}`;
  if (parts.length === 2) return `${parts[0]}/${parts[1]}, Kind=${kind}`;
  return "/, Kind=";
}

export function checkApplyBody(def: KindDefinition, req: PatchRequest): { config: KubeObject; describe: string } | { status: Status } {
  const body = req.patch;
  if (!isPlainObject(body)) return { status: badRequest("error decoding YAML: the body is not an object") };
  const named = namedType(body);
  // Through /scale the applied object is an autoscaling/v1 Scale.
  const expected = req.subresource === "scale" ? "autoscaling/v1, Kind=Scale" : `${def.group}/${def.version}, Kind=${def.kind}`;
  if (named !== expected) return { status: badRequest(`invalid object type: ${named}`) };
  const metadata = body.metadata ?? {};
  if (!isPlainObject(metadata)) return { status: badRequest(`error decoding YAML: json: cannot unmarshal ${Array.isArray(metadata) ? "array" : typeof metadata} into Go struct field Object.metadata of type map[string]interface {}`) };
  if (metadata.managedFields !== undefined && metadata.managedFields !== null) return { status: badRequest("metadata.managedFields must be nil") };
  const config = cloneJson({ ...body, metadata }) as KubeObject;
  const namespace = typeof metadata.namespace === "string" ? metadata.namespace : "";
  const name = typeof metadata.name === "string" ? metadata.name : "";
  return { config, describe: `${namespace}/${name}; ${expected}` };
}
