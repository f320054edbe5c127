// CustomResourceDefinitions for tests: each test makes its own group, so tests never share a CRD.
import { api } from "./api.ts";

let counter = 0;
/** A group no other test uses. */
export function freshGroup(prefix = "crd"): string {
  return `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}.example.com`;
}

/** The CronTab CRD of kube's docs, with status and scale subresources and printer columns. */
export function cronTabCRD(group: string, overrides: { scope?: "Namespaced" | "Cluster" } = {}) {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `crontabs.${group}` },
    spec: {
      group,
      scope: overrides.scope ?? "Namespaced",
      names: { plural: "crontabs", singular: "crontab", kind: "CronTab", shortNames: ["ct"], categories: ["all"] },
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  required: ["cronSpec"],
                  properties: {
                    cronSpec: { type: "string", pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$" },
                    image: { type: "string", default: "busybox" },
                    replicas: { type: "integer", minimum: 1, maximum: 10 },
                    tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
                  },
                  "x-kubernetes-validations": [{ rule: "!has(self.replicas) || self.replicas <= 5 || self.image != 'busybox'", message: "busybox runs at most 5 replicas" }],
                },
                status: {
                  type: "object",
                  properties: { replicas: { type: "integer" }, labelSelector: { type: "string" } },
                },
              },
            },
          },
          subresources: {
            status: {},
            scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.labelSelector" },
          },
          additionalPrinterColumns: [
            { name: "Spec", type: "string", jsonPath: ".spec.cronSpec", description: "The cron spec" },
            { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
          ],
        },
      ],
    },
  };
}

/** Creates a CRD and waits until it is Established (as `kubectl wait --for condition=established` does). */
export async function createEstablished(crd: { metadata: { name: string } }): Promise<any> {
  const created = await api("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
  if (created.status !== 201) throw new Error(`creating CRD: ${created.status} ${created.text}`);
  return waitFor(crd.metadata.name, (obj) => (obj?.status?.conditions ?? []).some((c: any) => c.type === "Established" && c.status === "True"));
}

/** Polls a CRD until `done` holds (up to 5 s). */
export async function waitFor(name: string, done: (obj: any) => boolean): Promise<any> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await api("GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
    if (done(res.status === 200 ? res.body : undefined)) return res.body;
    if (Date.now() > deadline) throw new Error(`CRD ${name} never got there: ${res.text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until a custom resource path is served (the Worker's catalog refreshes within a second). */
export async function waitServed(path: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await api("GET", path)).status === 404) {
    if (Date.now() > deadline) throw new Error(`${path} never served`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
