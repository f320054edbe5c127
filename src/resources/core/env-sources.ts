// Where a container's environment comes from besides literal values: the selectors an env var's valueFrom
// points with (a pod field, a resource, a ConfigMap or Secret key, a file key) and envFrom's whole-object
// sources.

import { z } from "zod";
import { embeddedName } from "./local-object-reference.ts";
import { kubeField as f } from "./kube-field.ts";

export const objectFieldSelector = z
  .looseObject({
    apiVersion: f.string(1, "The API version fieldPath is written in; v1 when unset."),
    fieldPath: f.string(2, "The path of the pod field to read, e.g. metadata.name or status.podIP."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ObjectFieldSelector", structType: "atomic", description: "Names one field of the pod." });

export const resourceFieldSelector = z
  .looseObject({
    containerName: f.string(1, "The container whose resource is read; required for volumes."),
    resource: f.string(2, "The resource to read, e.g. limits.cpu or requests.memory."),
    divisor: f.quantity(3, "The unit the value is expressed in; 1 when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ResourceFieldSelector", structType: "atomic", description: "A limit or request of one of the pod's containers." });

export const configMapKeySelector = z
  .looseObject({
    name: embeddedName.field("The ConfigMap's name."),
    key: f.string(2, "The key whose value is used."),
    optional: f.bool(3, "When true, a missing ConfigMap or key is no error."),
  })
  .meta({
    definition: "io.k8s.api.core.v1.ConfigMapKeySelector",
    structType: "atomic",
    inline: [embeddedName.inline],
    description: "One key of a ConfigMap in the pod's namespace.",
  });

export const secretKeySelector = z
  .looseObject({
    name: embeddedName.field("The Secret's name."),
    key: f.string(2, "The key whose value is used."),
    optional: f.bool(3, "When true, a missing Secret or key is no error."),
  })
  .meta({
    definition: "io.k8s.api.core.v1.SecretKeySelector",
    structType: "atomic",
    inline: [embeddedName.inline],
    description: "One key of a Secret in the pod's namespace.",
  });

export const fileKeySelector = z
  .looseObject({
    volumeName: f.string(1, "The emptyDir volume holding the file."),
    path: f.string(2, "The file's path inside the volume."),
    key: f.string(3, "The key whose value is used."),
    optional: f.bool(4, "When true, a missing file or key is no error and the variable is left out."),
  })
  .meta({
    definition: "io.k8s.api.core.v1.FileKeySelector",
    structType: "atomic",
    description: "One key of an env-format file on one of the pod's emptyDir volumes.",
  });

export const envVarSource = z
  .looseObject({
    fieldRef: f.message(objectFieldSelector, 1, "A field of the pod: its name, namespace, a label or annotation, its node, its IPs and the like."),
    resourceFieldRef: f.message(resourceFieldSelector, 2, "A limit or request of one of the pod's containers."),
    configMapKeyRef: f.message(configMapKeySelector, 3, "One key of a ConfigMap in the pod's namespace."),
    secretKeyRef: f.message(secretKeySelector, 4, "One key of a Secret in the pod's namespace."),
    fileKeyRef: f.message(fileKeySelector, 5, "One key of an env-format file on one of the pod's emptyDir volumes."),
  })
  .meta({ definition: "io.k8s.api.core.v1.EnvVarSource", description: "Where an environment variable's value comes from: exactly one of these." });

const configMapEnvSource = z
  .looseObject({
    name: embeddedName.field("The ConfigMap's name."),
    optional: f.bool(2, "When true, a missing ConfigMap is no error."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ConfigMapEnvSource", inline: [embeddedName.inline], description: "A ConfigMap whose keys all become variables." });

const secretEnvSource = z
  .looseObject({
    name: embeddedName.field("The Secret's name."),
    optional: f.bool(2, "When true, a missing Secret is no error."),
  })
  .meta({ definition: "io.k8s.api.core.v1.SecretEnvSource", inline: [embeddedName.inline], description: "A Secret whose keys all become variables." });

export const envFromSource = z
  .looseObject({
    prefix: f.string(1, "A string put before every variable name taken from the source."),
    configMapRef: f.message(configMapEnvSource, 2, "The ConfigMap to read."),
    secretRef: f.message(secretEnvSource, 3, "The Secret to read."),
  })
  .meta({ definition: "io.k8s.api.core.v1.EnvFromSource", description: "A ConfigMap or Secret whose keys become variables, with an optional prefix." });
