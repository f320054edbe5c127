// Patch throughput beside update in the same run (issue target: server-side apply at least 50% of the update
// rate). One change, the container image of a Deployment like `helm create`'s, made four ways: PUT of the whole
// object (the baseline), a strategic merge patch, a JSON merge patch (which must carry the whole containers
// list), and server-side apply as `kubectl apply --server-side` sends it (the full manifest as JSON with
// Content-Type application/apply-patch+yaml, fieldManager=kubectl, fieldValidation=Strict). Each way has its own
// namespace and pool of Deployments (an applier would conflict with an updater's fields); interleaved blocks,
// so drift over the run falls on all four alike.

import { drive } from "./client.mjs";

const pool = 100;
const ways = ["update", "strategic", "merge", "apply"];

const labels = (name) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name, "app.kubernetes.io/version": "1.16.0", "helm.sh/chart": "bench-0.1.0" });

function container(image) {
  return {
    name: "web",
    image,
    imagePullPolicy: "IfNotPresent",
    ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
    livenessProbe: { httpGet: { path: "/", port: "http" } },
    readinessProbe: { httpGet: { path: "/", port: "http" } },
    resources: { limits: { cpu: "100m", memory: "128Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
    env: [{ name: "MODE", value: "bench" }, { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
  };
}

function deployment(ns, name, image) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns, labels: labels(name), annotations: { "bench/owner": "patches" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name } },
      template: {
        metadata: { labels: labels(name) },
        spec: { serviceAccountName: "default", securityContext: {}, containers: [container(image)] },
      },
    },
  };
}

const image = (tag) => `nginx:1.${tag}`;
const path = (ns, name = "") => `/apis/apps/v1/namespaces/${ns}/deployments${name ? `/${name}` : ""}`;
const manager = { update: "kubectl-replace", strategic: "kubectl-patch", merge: "kubectl-patch", apply: "kubectl" };

/** The request that changes deployment `name` in `ns` to `image(tag)`, made the way `way` names. */
export function changeDeployment(call, way, ns, name, tag) {
  const query = `?fieldManager=${manager[way]}&fieldValidation=Strict`;
  switch (way) {
    case "update":
      return call("PUT", path(ns, name) + query, deployment(ns, name, image(tag)));
    case "strategic":
      return call("PATCH", path(ns, name) + query, { spec: { template: { spec: { containers: [{ name: "web", image: image(tag) }] } } } }, { "Content-Type": "application/strategic-merge-patch+json" });
    case "merge":
      return call("PATCH", path(ns, name) + query, { spec: { template: { spec: { containers: [container(image(tag))] } } } }, { "Content-Type": "application/merge-patch+json" });
    case "apply":
      return call("PATCH", path(ns, name) + query, deployment(ns, name, image(tag)), { "Content-Type": "application/apply-patch+yaml" });
  }
}

/** Seeds each way's pool as its users would have made it: the applier's by apply, the others' by create. */
async function seed(call, namespace) {
  for (const way of ways) {
    const ns = `patch-${way}`;
    await namespace(call, ns);
    const make = (i) =>
      way === "apply" ? changeDeployment(call, way, ns, `d-${i}`, 0) : call("POST", `${path(ns)}?fieldManager=kubectl-create`, deployment(ns, `d-${i}`, image(0)));
    const res = await drive({ count: pool, concurrency: 16, make });
    if (res.failures) throw new Error(`seeding ${ns}: ${res.failures} failures`);
  }
}

function combine(per, results) {
  const seconds = results.reduce((sum, r) => sum + per / r.rate, 0);
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { rate: (per * results.length) / seconds, p50: median(results.map((r) => r.p50)), p99: median(results.map((r) => r.p99)), failures: results.reduce((sum, r) => sum + r.failures, 0) };
}

export async function benchPatches({ call, record, n, namespace }) {
  await seed(call, namespace);
  let tag = 1; // every request sets a tag no earlier request set, so each one is a real change
  const block = (way, count, concurrency) => {
    const base = tag;
    tag += count;
    return drive({ count, concurrency, make: (i) => changeDeployment(call, way, `patch-${way}`, `d-${i % pool}`, base + i) });
  };
  for (const way of ways) await block(way, 2 * pool, 16); // warm-up: every object cached, every path compiled
  for (const concurrency of [1, 16]) {
    const per = n(concurrency === 1 ? 125 : 1000);
    const blocks = Object.fromEntries(ways.map((way) => [way, []]));
    for (let round = 0; round < 4; round++) {
      for (const way of ways) blocks[way].push(await block(way, per, concurrency));
    }
    const clients = concurrency === 1 ? "1 client" : `${concurrency} clients`;
    const update = combine(per, blocks.update);
    record(`update Deployment (PUT), ${clients} (interleaved)`, update);
    record(`strategic merge patch, ${clients} (vs update)`, combine(per, blocks.strategic), update);
    record(`JSON merge patch, ${clients} (vs update)`, combine(per, blocks.merge), update);
    record(`server-side apply, ${clients} (vs update)`, combine(per, blocks.apply), update);
  }
}
