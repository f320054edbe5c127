// A realistic apps/v1 Deployment, as a chart or an operator writes one, using the fields people commonly set.
// Every field here is a real field of kube's types, so strict field validation must report none of them.

export function deploymentManifest(name: string): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      labels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": name, "app.kubernetes.io/version": "1.4.2" },
      annotations: { "deployment.kubernetes.io/revision": "1", "meta.helm.sh/release-name": name },
      finalizers: ["example.com/cleanup"],
    },
    spec: {
      replicas: 3,
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 600,
      minReadySeconds: 5,
      paused: false,
      selector: {
        matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": name },
        matchExpressions: [{ key: "tier", operator: "In", values: ["frontend"] }],
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": name, tier: "frontend" },
          annotations: { "prometheus.io/scrape": "true", "checksum/config": "abc123" },
        },
        spec: {
          serviceAccountName: "web",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          priorityClassName: "high",
          terminationGracePeriodSeconds: 45,
          restartPolicy: "Always",
          dnsPolicy: "ClusterFirst",
          dnsConfig: { options: [{ name: "ndots", value: "2" }] },
          schedulerName: "default-scheduler",
          hostname: "web",
          subdomain: "web-headless",
          nodeSelector: { "kubernetes.io/os": "linux" },
          imagePullSecrets: [{ name: "registry" }],
          hostAliases: [{ ip: "10.0.0.1", hostnames: ["db.local"] }],
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000, seccompProfile: { type: "RuntimeDefault" } },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { "app.kubernetes.io/name": "web" } } } },
              ],
            },
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] }] }],
              },
            },
          },
          tolerations: [
            { key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" },
            { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
          ],
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "app.kubernetes.io/name": "web" } } },
          ],
          initContainers: [
            {
              name: "migrate",
              image: "example.com/web:1.4.2",
              command: ["/app/migrate"],
              args: ["--up"],
              env: [{ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "db", key: "url", optional: false } } }],
              resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
            },
          ],
          containers: [
            {
              name: "web",
              image: "example.com/web:1.4.2",
              imagePullPolicy: "IfNotPresent",
              command: ["/app/server"],
              args: ["--port=8080", "--log-level=info"],
              workingDir: "/app",
              ports: [
                { name: "http", containerPort: 8080, protocol: "TCP" },
                { name: "metrics", containerPort: 9090 },
              ],
              env: [
                { name: "MODE", value: "production" },
                { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                { name: "POD_IP", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } } },
                { name: "CPU_LIMIT", valueFrom: { resourceFieldRef: { containerName: "web", resource: "limits.cpu", divisor: "1m" } } },
                { name: "FEATURE", valueFrom: { configMapKeyRef: { name: "web-config", key: "feature" } } },
              ],
              envFrom: [{ configMapRef: { name: "web-config" } }, { prefix: "SECRET_", secretRef: { name: "web-secrets", optional: true } }],
              resources: { requests: { cpu: "250m", memory: "256Mi", "ephemeral-storage": "1Gi" }, limits: { cpu: "1", memory: "512Mi" } },
              volumeMounts: [
                { name: "config", mountPath: "/etc/web", readOnly: true },
                { name: "cache", mountPath: "/var/cache/web", subPath: "web" },
                { name: "data", mountPath: "/data", mountPropagation: "None" },
              ],
              livenessProbe: {
                httpGet: { path: "/healthz", port: "http", scheme: "HTTP", httpHeaders: [{ name: "X-Probe", value: "liveness" }] },
                initialDelaySeconds: 10,
                periodSeconds: 10,
                timeoutSeconds: 2,
                successThreshold: 1,
                failureThreshold: 3,
              },
              readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 },
              startupProbe: { exec: { command: ["cat", "/tmp/ready"] }, failureThreshold: 30, periodSeconds: 2, terminationGracePeriodSeconds: 10 },
              lifecycle: { preStop: { exec: { command: ["sleep", "5"] } }, postStart: { httpGet: { path: "/warm", port: 8080 } } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
              },
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "FallbackToLogsOnError",
              stdin: false,
              tty: false,
            },
            {
              name: "sidecar",
              image: "example.com/proxy:2.0",
              ports: [{ containerPort: 15001, name: "proxy" }],
              resources: { requests: { cpu: "10m", memory: "32Mi" } },
            },
          ],
          volumes: [
            { name: "config", configMap: { name: "web-config", defaultMode: 420, items: [{ key: "app.yaml", path: "app.yaml" }] } },
            { name: "secrets", secret: { secretName: "web-secrets", optional: true } },
            { name: "cache", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
            { name: "data", persistentVolumeClaim: { claimName: "web-data", readOnly: false } },
            {
              name: "token",
              projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3600, audience: "api" } }, { configMap: { name: "ca" } }] },
            },
          ],
        },
      },
    },
  };
}
