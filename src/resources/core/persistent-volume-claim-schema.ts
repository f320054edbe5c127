// A PersistentVolumeClaim's spec and status, shared by the PersistentVolumeClaim kind, StatefulSet claim
// templates and ephemeral volumes, with the references a claim's data source is given by. Every structure is
// modeled field by field, so unknown fields are reported and dropped as fieldValidation says.

import { z } from "zod";
import { objectMeta } from "../object-meta-schema.ts";
import { labelSelector } from "../schema-types.ts";
import { kubeField as f } from "./kube-field.ts";

const typedLocalObjectReference = z
  .object({
    apiGroup: f.string(1, "The group of the object's kind; empty for the core group."),
    kind: f.string(2, "The kind of the object."),
    name: f.string(3, "The name of the object."),
  })
  .meta({ definition: "io.k8s.api.core.v1.TypedLocalObjectReference", structType: "atomic", description: "An object of any kind in the same namespace." });

const typedObjectReference = z
  .object({
    apiGroup: f.string(1, "The group of the object's kind; empty for the core group."),
    kind: f.string(2, "The kind of the object."),
    name: f.string(3, "The name of the object."),
    namespace: f.string(4, "The object's namespace, when it is not the claim's; needs a ReferenceGrant."),
  })
  .meta({ definition: "io.k8s.api.core.v1.TypedObjectReference", description: "An object of any kind, possibly in another namespace." });

const volumeResourceRequirements = z
  .object({
    limits: f.quantities(1, "The most storage the volume may have."),
    requests: f.quantities(2, "The storage the claim asks for, as requests.storage."),
  })
  .meta({ definition: "io.k8s.api.core.v1.VolumeResourceRequirements", description: "The storage a claim asks for and allows." });

export const persistentVolumeClaimSpec = z
  .object({
    accessModes: f.strings(1, "How the volume may be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod."),
    selector: f.message(labelSelector, 4, "Labels of the volumes the claim may bind to."),
    resources: f.message(volumeResourceRequirements, 2, "The storage the claim asks for, in requests.storage."),
    volumeName: f.string(3, "The volume the claim binds to, when it names one."),
    storageClassName: f.string(5, "The StorageClass the volume comes from; the default class when unset."),
    volumeMode: f.string(6, "Filesystem or Block; Filesystem when unset."),
    dataSource: f.message(typedLocalObjectReference, 7, "A snapshot or claim to fill the new volume from."),
    dataSourceRef: f.message(typedObjectReference, 8, "An object to fill the new volume from, of any kind a populator handles."),
    volumeAttributesClassName: f.string(9, "The VolumeAttributesClass whose attributes the volume gets."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolumeClaimSpec", description: "The storage a claim asks for: size, access modes, class and source." });

const persistentVolumeClaimCondition = z
  .object({
    type: f.string(1, "The condition's type, e.g. Resizing or FileSystemResizePending."),
    status: f.string(2, "True, False or Unknown."),
    lastProbeTime: f.time(3, "When the condition was last checked."),
    lastTransitionTime: f.time(4, "When the status last changed."),
    reason: f.string(5, "A CamelCase word for why the status last changed."),
    message: f.string(6, "Details, for a person."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolumeClaimCondition", description: "One aspect of the claim's state." });

const modifyVolumeStatus = z
  .object({
    targetVolumeAttributesClassName: f.string(1, "The VolumeAttributesClass being applied."),
    status: f.string(2, "How the change goes: Pending, InProgress or Infeasible."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ModifyVolumeStatus", description: "The state of a change of the volume's attributes class." });

export const persistentVolumeClaimStatus = z
  .object({
    phase: f.string(1, "Pending, Bound or Lost."),
    accessModes: f.strings(2, "The access modes the bound volume has."),
    capacity: f.quantities(3, "The resources the bound volume has."),
    conditions: f.list(persistentVolumeClaimCondition, 4, "The current conditions of the claim.", {
      patchStrategy: "merge",
      patchMergeKey: "type",
      listType: "map",
      listMapKeys: ["type"],
    }),
    allocatedResources: f.quantities(5, "The storage granted to the claim, which a resize may raise."),
    allocatedResourceStatuses: f.stringMap(7, "The state of a resize of each resource.", { mapType: "granular" }),
    currentVolumeAttributesClassName: f.string(8, "The VolumeAttributesClass the volume has now."),
    modifyVolumeStatus: f.message(modifyVolumeStatus, 9, "The state of a change of the attributes class, while one is under way."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolumeClaimStatus", description: "What the claim is bound to and has, as last observed." });

/** A whole claim, as a StatefulSet's volumeClaimTemplates hold it; apiVersion and kind are not in its protobuf. */
export const persistentVolumeClaim = z
  .looseObject({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    metadata: f.message(objectMeta, 1, "The claim's name, which the pods' volume mounts use, and its labels."),
    spec: f.message(persistentVolumeClaimSpec, 2, "The storage each pod's claim asks for."),
    status: f.message(persistentVolumeClaimStatus, 3, "Unused in a template; kube keeps it as Pending."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolumeClaim", description: "A claim for a persistent volume, made once for each pod." });

const persistentVolumeClaimTemplate = z
  .object({
    metadata: f.message(objectMeta, 1, "Labels and annotations given to the claim; its name comes from the pod's and the volume's."),
    spec: f.message(persistentVolumeClaimSpec, 2, "The claim's spec, copied as it is."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PersistentVolumeClaimTemplate", description: "The claim made for an ephemeral volume." });

export const ephemeralVolumeSource = z
  .object({
    volumeClaimTemplate: f.message(persistentVolumeClaimTemplate, 1, "The claim made with the pod and deleted with it."),
  })
  .meta({ definition: "io.k8s.api.core.v1.EphemeralVolumeSource", description: "A volume from a claim that lives as long as the pod." });

export type PersistentVolumeClaimSpec = z.infer<typeof persistentVolumeClaimSpec>;
export type PersistentVolumeClaimStatus = z.infer<typeof persistentVolumeClaimStatus>;
