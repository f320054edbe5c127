// The schema of a PodSpec and of a PodTemplateSpec, shared by pods and every workload kind. The structures a
// pod is made of are modeled field by field; the deep, rarely-checked ones (affinity, security contexts,
// probe handlers, volume sources) are kept whole as loose objects so that no field a user sends is lost.

import { z } from "zod";
import { intOrString, quantity } from "../schema-types.ts";

const int = z.number().int();
const stringMap = z.record(z.string(), z.string());
const loose = z.looseObject({});

export const containerPort = z.object({
  name: z.string().optional(),
  hostPort: int.optional(),
  containerPort: int.optional(),
  protocol: z.string().optional(),
  hostIP: z.string().optional(),
});

export const envVar = z.object({
  name: z.string().optional(),
  value: z.string().optional(),
  valueFrom: z
    .looseObject({
      fieldRef: z.looseObject({ apiVersion: z.string().optional(), fieldPath: z.string().optional() }).optional(),
      resourceFieldRef: loose.optional(),
      configMapKeyRef: loose.optional(),
      secretKeyRef: loose.optional(),
      fileKeyRef: loose.optional(),
    })
    .optional(),
});

export const volumeMount = z.object({
  name: z.string().optional(),
  readOnly: z.boolean().optional(),
  recursiveReadOnly: z.string().optional(),
  mountPath: z.string().optional(),
  subPath: z.string().optional(),
  mountPropagation: z.string().optional(),
  subPathExpr: z.string().optional(),
});

export const resourceRequirements = z.object({
  limits: z.record(z.string(), quantity).optional(),
  requests: z.record(z.string(), quantity).optional(),
  claims: z.array(loose).optional(),
});

/** An HTTP GET handler, as probes and lifecycle hooks use it. */
const httpGetAction = z.looseObject({
  path: z.string().optional(),
  port: intOrString.optional(),
  host: z.string().optional(),
  scheme: z.string().optional(),
  httpHeaders: z.array(loose).optional(),
});

export const probe = z.looseObject({
  exec: loose.optional(),
  httpGet: httpGetAction.optional(),
  tcpSocket: loose.optional(),
  grpc: z.looseObject({ port: int.optional(), service: z.string().optional() }).optional(),
  initialDelaySeconds: int.optional(),
  timeoutSeconds: int.optional(),
  periodSeconds: int.optional(),
  successThreshold: int.optional(),
  failureThreshold: int.optional(),
  terminationGracePeriodSeconds: int.optional(),
});

const lifecycleHandler = z.looseObject({ httpGet: httpGetAction.optional() });

export const container = z.object({
  name: z.string().optional(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  ports: z.array(containerPort).optional(),
  envFrom: z.array(loose).optional(),
  env: z.array(envVar).optional(),
  resources: resourceRequirements.optional(),
  resizePolicy: z.array(loose).optional(),
  restartPolicy: z.string().optional(),
  restartPolicyRules: z.array(loose).optional(),
  volumeMounts: z.array(volumeMount).optional(),
  volumeDevices: z.array(loose).optional(),
  livenessProbe: probe.optional(),
  readinessProbe: probe.optional(),
  startupProbe: probe.optional(),
  lifecycle: z.looseObject({ postStart: lifecycleHandler.optional(), preStop: lifecycleHandler.optional() }).optional(),
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.string().optional(),
  imagePullPolicy: z.string().optional(),
  securityContext: loose.optional(),
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  tty: z.boolean().optional(),
});

/** An ephemeral container has a container's fields plus targetContainerName. */
export const ephemeralContainer = container.extend({ targetContainerName: z.string().optional() });

/** A volume: its name and exactly one source, each source kept whole. */
export const volume = z.looseObject({ name: z.string().optional() });

export const toleration = z.object({
  key: z.string().optional(),
  operator: z.string().optional(),
  value: z.string().optional(),
  effect: z.string().optional(),
  tolerationSeconds: int.optional(),
});

export const podSpec = z.object({
  volumes: z.array(volume).optional(),
  initContainers: z.array(container).optional(),
  containers: z.array(container).optional(),
  ephemeralContainers: z.array(ephemeralContainer).optional(),
  restartPolicy: z.string().optional(),
  terminationGracePeriodSeconds: int.optional(),
  activeDeadlineSeconds: int.optional(),
  dnsPolicy: z.string().optional(),
  nodeSelector: stringMap.optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  nodeName: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  shareProcessNamespace: z.boolean().optional(),
  securityContext: loose.optional(),
  imagePullSecrets: z.array(loose).optional(),
  hostname: z.string().optional(),
  subdomain: z.string().optional(),
  affinity: loose.optional(),
  schedulerName: z.string().optional(),
  tolerations: z.array(toleration).optional(),
  hostAliases: z.array(loose).optional(),
  priorityClassName: z.string().optional(),
  priority: int.optional(),
  dnsConfig: loose.optional(),
  readinessGates: z.array(z.looseObject({ conditionType: z.string().optional() })).optional(),
  runtimeClassName: z.string().optional(),
  enableServiceLinks: z.boolean().optional(),
  preemptionPolicy: z.string().optional(),
  overhead: z.record(z.string(), quantity).optional(),
  topologySpreadConstraints: z.array(loose).optional(),
  setHostnameAsFQDN: z.boolean().optional(),
  os: loose.optional(),
  hostUsers: z.boolean().optional(),
  schedulingGates: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  resourceClaims: z.array(loose).optional(),
  resources: resourceRequirements.optional(),
  hostnameOverride: z.string().optional(),
  workloadRef: loose.optional(),
});

/** The metadata of a template: the labels and annotations pods get; other fields are kept as sent. */
export const templateMetadata = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

export const podTemplateSpec = z.object({
  metadata: templateMetadata.optional(),
  spec: podSpec.optional(),
});

export type ContainerPort = z.infer<typeof containerPort>;
export type Container = z.infer<typeof container>;
export type Probe = z.infer<typeof probe>;
export type Volume = z.infer<typeof volume>;
export type Toleration = z.infer<typeof toleration>;
export type PodSpec = z.infer<typeof podSpec>;
export type PodTemplateSpec = z.infer<typeof podTemplateSpec>;
