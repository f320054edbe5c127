// `npm run kubeconfig -- ...`: mints a kubeconfig for another identity of the local server (`npm start`).
//
//   --serviceaccount NS/NAME [--duration 24h] [--audience AUD]...  a token from the TokenRequest API, asked
//                                                                  with the admin kubeconfig; no restart
//   --user NAME [--group G]...                                      a new static token (STATIC_TOKENS_FILE);
//                                                                  restart `npm start` to load it
//   --out FILE        where to write it (default .kube/<identity>.config); prints the path
//
// The cluster (server, CA) is the admin kubeconfig's: KUBECONFIG_OUT (.kube/config), as `npm start` wrote it.

import { request } from "node:https";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { serveSettings } from "./lib/serve-settings.mjs";
import { addStaticToken } from "./lib/static-tokens.mjs";

const { values } = parseArgs({
  options: {
    serviceaccount: { type: "string" },
    user: { type: "string" },
    group: { type: "string", multiple: true, default: [] },
    duration: { type: "string", default: "24h" },
    audience: { type: "string", multiple: true, default: [] },
    out: { type: "string" },
  },
});

/** "90s", "10m", "24h", "7d" (or plain seconds) in seconds. */
function seconds(text) {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  if (!match) throw new Error(`--duration: want a number with s, m, h or d, got ${text}`);
  return Number(match[1]) * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]];
}

function post(server, caPem, token, path, body) {
  return new Promise((done, fail) => {
    const url = new URL(path, server);
    const req = request(url, { method: "POST", ca: caPem, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => (res.statusCode === 201 ? done(JSON.parse(text)) : fail(new Error(`${res.statusCode}: ${JSON.parse(text).message ?? text}`))));
    });
    req.on("error", fail);
    req.end(JSON.stringify(body));
  });
}

async function main() {
  const settings = serveSettings();
  if (!values.serviceaccount === !values.user) throw new Error("give one of --serviceaccount NS/NAME or --user NAME");
  const admin = parse(await readFile(settings.kubeconfigOut, "utf8"));
  const cluster = admin.clusters[0].cluster;
  const caPem = Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8");
  let identity;
  let token;
  if (values.serviceaccount) {
    const [namespace, name, extra] = values.serviceaccount.split("/");
    if (!namespace || !name || extra !== undefined) throw new Error("--serviceaccount: want NAMESPACE/NAME");
    const review = await post(cluster.server, caPem, admin.users[0].user.token, `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`, {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { audiences: values.audience, expirationSeconds: seconds(values.duration) },
    });
    identity = `system:serviceaccount:${namespace}:${name}`;
    token = review.status.token;
    console.error(`token expires at ${review.status.expirationTimestamp}`);
  } else {
    identity = values.user;
    token = await addStaticToken(settings.staticTokensFile, { user: values.user, groups: values.group });
    console.error(`added ${values.user} to ${settings.staticTokensFile}; restart npm start to load it`);
  }
  const userName = identity.replace(/[^A-Za-z0-9_.-]+/g, "-");
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "edge", cluster }],
    users: [{ name: userName, user: { token } }],
    contexts: [{ name: `${userName}@edge`, context: { cluster: "edge", user: userName } }],
    "current-context": `${userName}@edge`,
    preferences: {},
  };
  const out = resolve(values.out ?? `${dirname(settings.kubeconfigOut)}/${userName}.config`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, stringify(config), { mode: 0o600 });
  console.log(out);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
