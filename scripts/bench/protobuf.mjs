// The project's own protobuf codec, bundled for node with esbuild, so the benchmark sends the bytes a client-go
// client would (the envelope and a ConfigMap message) without a second encoder.

import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function loadProtobufCodec() {
  const entry = [
    'export { encodeKubeObject, decodeKubeObject } from "./src/api/protobuf/kube-object.ts";',
    'export { findKind } from "./src/resources/catalog.ts";',
  ].join("\n");
  const result = await build({ stdin: { contents: entry, resolveDir: root, loader: "ts" }, bundle: true, format: "esm", platform: "node", write: false, logLevel: "error" });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString("base64")}`);
}
