// Custom resource creates beside ConfigMap creates in the same run (issue target: at least 70% of the ConfigMap
// rate), for a CRD whose version schema has 50 properties and 3 CEL rules. Interleaved blocks into one
// namespace each, so drift over the run falls on both sides alike.

import { drive } from "./client.mjs";

const group = "bench.example.com";

/** 50 spec properties of mixed types, and 3 x-kubernetes-validations rules. */
function widgetCRD() {
  const properties = {};
  for (let i = 0; i < 50; i++) {
    properties[`field${i}`] =
      i % 5 === 0 ? { type: "integer", minimum: 0, maximum: 1_000_000 }
      : i % 5 === 1 ? { type: "boolean" }
      : i % 5 === 2 ? { type: "array", items: { type: "string", maxLength: 64 }, maxItems: 16, "x-kubernetes-list-type": "set" }
      : i % 5 === 3 ? { type: "string", enum: ["a", "b", "c"] }
      : { type: "string", maxLength: 256, pattern: "^[a-z0-9-]*$" };
  }
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget" },
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
                  properties,
                  "x-kubernetes-validations": [
                    { rule: "self.field0 <= 500000", message: "field0 is at most 500000" },
                    { rule: "!has(self.field4) || self.field4.size() > 0", message: "field4 may not be empty" },
                    { rule: "!has(self.field2) || self.field2.all(t, t.size() <= 32)", message: "tags are short" },
                  ],
                },
              },
            },
          },
        },
      ],
    },
  };
}

function widget(name, i) {
  const spec = {};
  for (let k = 0; k < 50; k++) {
    spec[`field${k}`] = k % 5 === 0 ? i % 1000 : k % 5 === 1 ? i % 2 === 0 : k % 5 === 2 ? ["x", `t${i % 7}`] : k % 5 === 3 ? "b" : `value-${i}`;
  }
  return { apiVersion: `${group}/v1`, kind: "Widget", metadata: { name, labels: { app: "bench" } }, spec };
}

const configMap = (name, i) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { app: "bench" } }, data: { "config.yaml": "x".repeat(512), index: String(i) } });

async function served(call, path) {
  const deadline = Date.now() + 30_000;
  while ((await call("GET", path)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`${path} was never served`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function benchCustomResources({ call, record, n, namespace }) {
  const res = await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCRD());
  if (res.status !== 201) throw new Error(`creating the CRD: ${res.status} ${res.body}`);
  await namespace(call, "crs");
  await namespace(call, "cms");
  await served(call, `/apis/${group}/v1/namespaces/crs/widgets`);
  const sides = {
    ConfigMap: (name, i) => call("POST", "/api/v1/namespaces/cms/configmaps", configMap(name, i)),
    Widget: (name, i) => call("POST", `/apis/${group}/v1/namespaces/crs/widgets`, widget(name, i)),
  };
  for (const concurrency of [1, 16]) {
    const per = n(concurrency === 1 ? 125 : 1000);
    const blocks = { ConfigMap: [], Widget: [] };
    for (let block = 0; block < 4; block++) {
      for (const [label, make] of Object.entries(sides)) {
        blocks[label].push(await drive({ count: per, concurrency, make: (i) => make(`c${concurrency}-${block}-${i}`, i) }));
      }
    }
    const combine = (results) => {
      const seconds = results.reduce((sum, r) => sum + per / r.rate, 0);
      const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
      return { rate: (per * results.length) / seconds, p50: median(results.map((r) => r.p50)), p99: median(results.map((r) => r.p99)), failures: results.reduce((sum, r) => sum + r.failures, 0) };
    };
    const clients = concurrency === 1 ? "1 client" : `${concurrency} clients`;
    const cms = combine(blocks.ConfigMap);
    record(`create ConfigMap, ${clients} (interleaved)`, cms);
    record(`create custom resource (50 properties, 3 CEL rules), ${clients} (vs ConfigMap)`, combine(blocks.Widget), cms);
  }
}
