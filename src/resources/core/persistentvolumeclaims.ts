// core/v1 PersistentVolumeClaim: a namespace's request for storage, bound to a PersistentVolume by the volume
// controller. Starts Pending; its spec is fixed once made, except for growing a bound claim; /status.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import {
  persistentVolumeClaimSpec,
  persistentVolumeClaimStatus,
  type PersistentVolumeClaimSpec,
  type PersistentVolumeClaimStatus,
} from "./persistent-volume-claim-schema.ts";
import { normalizeDataSources, validateClaimSpec, validateClaimUpdate } from "./persistent-volume-claim-validation.ts";
import { accessModesText, storageClassOf } from "./volume-access-modes.ts";

const schema = z
  .object({
    ...envelope,
    spec: persistentVolumeClaimSpec.meta({ proto: 2, description: "The storage the claim asks for: size, access modes, class and source." }).optional(),
    status: persistentVolumeClaimStatus.meta({ proto: 3, description: "What the claim is bound to and has, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolumeClaim", description: "A request for storage in a namespace, which pods mount by the claim's name." });

interface PersistentVolumeClaim extends KubeObject {
  spec?: PersistentVolumeClaimSpec;
  status?: PersistentVolumeClaimStatus;
}

/** The states a resize of a claim's resource may be in (status.allocatedResourceStatuses), sorted. */
const resizeStatuses = ["ControllerResizeFailed", "ControllerResizeInProgress", "NodeResizeFailed", "NodeResizeInProgress", "NodeResizePending"];

function validateStatus(status: PersistentVolumeClaimStatus | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, state] of Object.entries(status?.allocatedResourceStatuses ?? {})) {
    if (!resizeStatuses.includes(state)) errors.push(fieldError.notSupported("status.allocatedResourceStatus", name, resizeStatuses));
  }
  return errors;
}

export const persistentVolumeClaims = {
  group: "",
  version: "v1",
  kind: "PersistentVolumeClaim",
  plural: "persistentvolumeclaims",
  singular: "persistentvolumeclaim",
  namespaced: true,
  shortNames: ["pvc"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  applyDefaults(obj) {
    const claim = obj as PersistentVolumeClaim;
    (claim.spec ??= {}).volumeMode ??= "Filesystem";
    const status = (claim.status ??= {});
    if (!status.phase) status.phase = "Pending";
  },
  prepareForCreate(obj) {
    const claim = obj as PersistentVolumeClaim;
    claim.status = { phase: "Pending" };
    normalizeDataSources((claim.spec ??= {}));
  },
  prepareForUpdate(obj) {
    normalizeDataSources(((obj as PersistentVolumeClaim).spec ??= {}));
  },
  validate(obj) {
    const claim = obj as PersistentVolumeClaim;
    return [...validateClaimSpec(claim.spec, "spec"), ...validateStatus(claim.status)];
  },
  validateUpdate(obj, old) {
    return validateClaimUpdate(obj as PersistentVolumeClaim, old as PersistentVolumeClaim);
  },
  table: {
    columns: [
      nameColumn,
      column("Status", "string", "Pending, Bound or Lost; Terminating once deleted."),
      column("Volume", "string", "The PersistentVolume the claim is bound to."),
      column("Capacity", "string", "The storage the bound volume has."),
      column("Access Modes", "string", "How the bound volume may be mounted: RWO, ROX, RWX or RWOP."),
      column("StorageClass", "string", "The StorageClass of the claim."),
      column("VolumeAttributesClass", "string", "The VolumeAttributesClass of the claim."),
      ageColumn,
      column("VolumeMode", "string", "Filesystem or Block.", 1),
    ],
    cells(obj, { now }) {
      const claim = obj as PersistentVolumeClaim;
      const bound = Boolean(claim.spec?.volumeName);
      return [
        obj.metadata.name ?? "",
        obj.metadata.deletionTimestamp ? "Terminating" : (claim.status?.phase ?? ""),
        claim.spec?.volumeName ?? "",
        bound ? String(claim.status?.capacity?.storage ?? "0") : "",
        bound ? accessModesText(claim.status?.accessModes) : "",
        storageClassOf(claim),
        claim.spec?.volumeAttributesClassName || "<unset>",
        creationAge(obj, now),
        claim.spec?.volumeMode ?? "<unset>",
      ];
    },
  },
} satisfies KindDefinition;
