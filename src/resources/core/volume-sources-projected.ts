// The volume sources that write API data into files: Secret, ConfigMap, downward API, and the projected
// volume that combines them with service account tokens, trust bundles and pod certificates.

import { z } from "zod";
import { labelSelector } from "../schema-types.ts";
import { objectFieldSelector, resourceFieldSelector } from "./env-sources.ts";
import { kubeField as f } from "./kube-field.ts";
import { embeddedName } from "./local-object-reference.ts";

const keyToPath = z
  .looseObject({
    key: f.string(1, "The key to project."),
    path: f.string(2, "The relative path of the file the key's value is written to."),
    mode: f.int32(3, "The file's permission bits, 0 to 0777; the volume's defaultMode when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.KeyToPath", description: "One key and the file it becomes." });

const items = (proto: number) => f.list(keyToPath, proto, "The keys to project and their paths; every key, under its own name, when unset.");
const defaultMode = (proto: number) => f.int32(proto, "The permission bits of the files made, 0 to 0777; 0644 when unset.");

export const secretVolumeSource = z
  .looseObject({
    secretName: f.string(1, "The Secret in the pod's namespace."),
    items: items(2),
    defaultMode: defaultMode(3),
    optional: f.bool(4, "When true, a missing Secret or key is no error."),
  })
  .meta({ definition: "io.k8s.api.core.v1.SecretVolumeSource", description: "A Secret's keys as files." });

export const configMapVolumeSource = z
  .looseObject({
    name: embeddedName.field("The ConfigMap in the pod's namespace."),
    items: items(2),
    defaultMode: defaultMode(3),
    optional: f.bool(4, "When true, a missing ConfigMap or key is no error."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ConfigMapVolumeSource", inline: [embeddedName.inline], description: "A ConfigMap's keys as files." });

const downwardAPIVolumeFile = z
  .looseObject({
    path: f.string(1, "The relative path of the file."),
    fieldRef: f.message(objectFieldSelector, 2, "The pod field written: its name, namespace, labels or annotations."),
    resourceFieldRef: f.message(resourceFieldSelector, 3, "The container limit or request written."),
    mode: f.int32(4, "The file's permission bits, 0 to 0777; the volume's defaultMode when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.DownwardAPIVolumeFile", description: "One file holding a field of the pod or a resource value." });

export const downwardAPIVolumeSource = z
  .looseObject({
    items: f.list(downwardAPIVolumeFile, 1, "The files to write."),
    defaultMode: defaultMode(2),
  })
  .meta({ definition: "io.k8s.api.core.v1.DownwardAPIVolumeSource", description: "Fields of the pod and resource values as files." });

const secretProjection = z
  .looseObject({
    name: embeddedName.field("The Secret in the pod's namespace."),
    items: items(2),
    optional: f.bool(4, "When true, a missing Secret or key is no error."),
  })
  .meta({ definition: "io.k8s.api.core.v1.SecretProjection", inline: [embeddedName.inline], description: "A Secret's keys, projected." });

const configMapProjection = z
  .looseObject({
    name: embeddedName.field("The ConfigMap in the pod's namespace."),
    items: items(2),
    optional: f.bool(4, "When true, a missing ConfigMap or key is no error."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ConfigMapProjection", inline: [embeddedName.inline], description: "A ConfigMap's keys, projected." });

const downwardAPIProjection = z
  .looseObject({ items: f.list(downwardAPIVolumeFile, 1, "The files to write.") })
  .meta({ definition: "io.k8s.api.core.v1.DownwardAPIProjection", description: "Fields of the pod and resource values, projected." });

const serviceAccountTokenProjection = z
  .looseObject({
    audience: f.string(1, "The audience the token is for; the API server's when unset."),
    expirationSeconds: f.int64(2, "How long the token is valid; kubelet renews it before then. 3600 when unset."),
    path: f.string(3, "The relative path of the token file."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ServiceAccountTokenProjection", description: "A token of the pod's service account, kept fresh." });

const clusterTrustBundleProjection = z
  .looseObject({
    name: f.string(1, "One ClusterTrustBundle by name; excludes signerName."),
    signerName: f.string(2, "Every ClusterTrustBundle of this signer, joined."),
    labelSelector: f.message(labelSelector, 3, "With signerName: only the bundles with these labels."),
    optional: f.bool(5, "When true, no bundle found writes an empty file instead of failing."),
    path: f.string(4, "The relative path of the file."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ClusterTrustBundleProjection", description: "The certificates of ClusterTrustBundles, as one PEM file." });

const podCertificateProjection = z
  .looseObject({
    signerName: f.string(1, "The signer the certificate is requested from."),
    keyType: f.string(2, "The kind of private key made, e.g. RSA3072 or ED25519."),
    maxExpirationSeconds: f.int32(3, "The longest lifetime asked for the certificate."),
    credentialBundlePath: f.string(4, "The path of one file holding the key and the certificate chain."),
    keyPath: f.string(5, "The path of the private key file."),
    certificateChainPath: f.string(6, "The path of the certificate chain file."),
    userAnnotations: f.stringMap(7, "Annotations passed to the signer in the PodCertificateRequest."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodCertificateProjection", description: "A private key and a certificate issued to the pod, kept fresh." });

const volumeProjection = z
  .looseObject({
    secret: f.message(secretProjection, 1, "Keys of a Secret."),
    downwardAPI: f.message(downwardAPIProjection, 2, "Fields of the pod and resource values."),
    configMap: f.message(configMapProjection, 3, "Keys of a ConfigMap."),
    serviceAccountToken: f.message(serviceAccountTokenProjection, 4, "A service account token."),
    clusterTrustBundle: f.message(clusterTrustBundleProjection, 5, "Certificates of ClusterTrustBundles."),
    podCertificate: f.message(podCertificateProjection, 6, "A key and certificate for the pod."),
  })
  .meta({ definition: "io.k8s.api.core.v1.VolumeProjection", description: "One source of a projected volume: exactly one of these." });

export const projectedVolumeSource = z
  .looseObject({
    sources: f.list(volumeProjection, 1, "The sources whose files the volume holds."),
    defaultMode: defaultMode(2),
  })
  .meta({ definition: "io.k8s.api.core.v1.ProjectedVolumeSource", description: "Files from several sources in one directory." });
