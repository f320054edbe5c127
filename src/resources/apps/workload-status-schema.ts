// The statuses of the apps/v1 workload kinds (Deployment, ReplicaSet, StatefulSet, DaemonSet) as their
// controllers write them through /status: replica counts and conditions.

import { z } from "zod";
import { kubeField as f } from "../core/kube-field.ts";

const apps = "io.k8s.api.apps.v1";

const conditionFields = {
  type: f.string(1, "The condition's type."),
  status: f.string(2, "True, False or Unknown."),
  reason: f.string(4, "A CamelCase word for why the status last changed."),
  message: f.string(5, "Details, for a person."),
};

/** The conditions of ReplicaSet, StatefulSet and DaemonSet: one layout, with lastTransitionTime in 3. */
const condition = (kind: string) =>
  z
    .looseObject({ ...conditionFields, lastTransitionTime: f.time(3, "When the status last changed.") })
    .meta({ definition: `${apps}.${kind}Condition`, description: `One aspect of the ${kind}'s state.` });

const conditions = (schema: z.ZodType, proto: number) =>
  f.list(schema, proto, "The current conditions, as last observed.", { patchStrategy: "merge", patchMergeKey: "type", listType: "map", listMapKeys: ["type"] });

const observedGeneration = (proto: number) => f.int64(proto, "The generation of the spec the controller last acted on.", { omitEmpty: true });
const collisionCount = (proto: number) => f.int32(proto, "How many times a revision name collided; it salts the next name.");
const terminatingReplicas = (proto: number) => f.int32(proto, "Pods being deleted and not yet gone (with the DeploymentReplicaSetTerminatingReplicas feature).");

const deploymentCondition = z
  .looseObject({
    ...conditionFields,
    lastUpdateTime: f.time(6, "When the condition was last updated."),
    lastTransitionTime: f.time(7, "When the status last changed."),
  })
  .meta({ definition: `${apps}.DeploymentCondition`, description: "One aspect of the Deployment's state: Available, Progressing or ReplicaFailure." });

export const deploymentStatus = z
  .looseObject({
    observedGeneration: observedGeneration(1),
    replicas: f.int32(2, "Pods of the deployment, old and new, not being deleted.", { omitEmpty: true }),
    updatedReplicas: f.int32(3, "Pods of the current template, not being deleted.", { omitEmpty: true }),
    readyReplicas: f.int32(7, "Pods that are ready.", { omitEmpty: true }),
    availableReplicas: f.int32(4, "Pods ready for at least minReadySeconds.", { omitEmpty: true }),
    unavailableReplicas: f.int32(5, "Pods still needed for the deployment to be fully available.", { omitEmpty: true }),
    terminatingReplicas: terminatingReplicas(9),
    conditions: conditions(deploymentCondition, 6),
    collisionCount: collisionCount(8),
  })
  .meta({ definition: `${apps}.DeploymentStatus`, description: "How far the rollout has come, as last observed." });

export const replicaSetStatus = z
  .looseObject({
    replicas: f.int32(1, "Pods of the ReplicaSet, not being deleted."),
    fullyLabeledReplicas: f.int32(2, "Pods whose labels match the template's.", { omitEmpty: true }),
    readyReplicas: f.int32(4, "Pods that are ready.", { omitEmpty: true }),
    availableReplicas: f.int32(5, "Pods ready for at least minReadySeconds.", { omitEmpty: true }),
    terminatingReplicas: terminatingReplicas(7),
    observedGeneration: observedGeneration(3),
    conditions: conditions(condition("ReplicaSet"), 6),
  })
  .meta({ definition: `${apps}.ReplicaSetStatus`, description: "How many pods exist and are ready, as last observed." });

export const statefulSetStatus = z
  .looseObject({
    observedGeneration: observedGeneration(1),
    replicas: f.int32(2, "Pods the controller made."),
    readyReplicas: f.int32(3, "Pods that are ready.", { omitEmpty: true }),
    currentReplicas: f.int32(4, "Pods of the currentRevision.", { omitEmpty: true }),
    updatedReplicas: f.int32(5, "Pods of the updateRevision.", { omitEmpty: true }),
    currentRevision: f.string(6, "The revision of the pods numbered below the partition."),
    updateRevision: f.string(7, "The revision the pods are being updated to."),
    collisionCount: collisionCount(9),
    conditions: conditions(condition("StatefulSet"), 10),
    availableReplicas: f.int32(11, "Pods ready for at least minReadySeconds."),
  })
  .meta({ definition: `${apps}.StatefulSetStatus`, description: "How many pods exist, are ready and updated, as last observed." });

export const daemonSetStatus = z
  .looseObject({
    currentNumberScheduled: f.int32(1, "Nodes running at least one daemon pod that should."),
    numberMisscheduled: f.int32(2, "Nodes running a daemon pod that should not."),
    desiredNumberScheduled: f.int32(3, "Nodes that should run the daemon pod."),
    numberReady: f.int32(4, "Nodes whose daemon pod is ready."),
    observedGeneration: observedGeneration(5),
    updatedNumberScheduled: f.int32(6, "Nodes running the daemon pod of the current template.", { omitEmpty: true }),
    numberAvailable: f.int32(7, "Nodes whose daemon pod has been ready for at least minReadySeconds.", { omitEmpty: true }),
    numberUnavailable: f.int32(8, "Nodes that should run an available daemon pod and do not.", { omitEmpty: true }),
    collisionCount: collisionCount(9),
    conditions: conditions(condition("DaemonSet"), 10),
  })
  .meta({ definition: `${apps}.DaemonSetStatus`, description: "How many nodes run the daemon pod, ready and updated, as last observed." });
