// The kubeconfig `npm start` writes: one cluster "edge" trusted through the local CA, one user "admin"
// with the bootstrap token, and context "edge" selected.

import { mkdir, writeFile, chmod } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";

export function kubeconfig({ server, caCert, token }) {
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: "edge", cluster: { server, "certificate-authority-data": Buffer.from(caCert).toString("base64") } },
    ],
    users: [{ name: "admin", user: { token } }],
    contexts: [{ name: "edge", context: { cluster: "edge", user: "admin" } }],
    "current-context": "edge",
    preferences: {},
  };
}

/** Writes the kubeconfig to `path` with mode 0600 (it holds a credential). */
export async function writeKubeconfig(path, options) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, stringify(kubeconfig(options)), { mode: 0o600 });
  await chmod(path, 0o600);
}
