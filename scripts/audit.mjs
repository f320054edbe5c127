// `npm run audit`: prints audit events from the D1 audit table as JSON lines (one audit.k8s.io/v1 Event per
// line, the format of kube-apiserver's log backend), oldest first, filtered by the options below. Reads the
// local state `npm start` keeps (STATE_DIR, default .wrangler/state), or with --remote the deployed database
// through `wrangler d1 execute`. Events reach D1 a few hundred milliseconds after their request.
//
//   npm run audit -- --since 10m --user alice --verb delete
//   npm run audit -- --resource secrets --namespace demo --code 403
//   npm run audit -- --follow                      # keep printing new events
//
// Options: --since/--until (a duration ago such as 30s, 10m, 2h, 7d, or a timestamp), --user (who
// authenticated or whom they impersonated), --verb (comma-separated), --resource (secrets, pods/log),
// --namespace (-n), --name, --code (403, or 4xx), --level, --stage, --audit-id, --limit, --follow, --remote,
// --state DIR.

import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const usage = "usage: npm run audit -- [--since 10m] [--until T] [--user U] [--verb V[,V]] [--resource R[/SUB]] [-n NS] [--name N] [--code 403|4xx] [--level L] [--stage S] [--audit-id ID] [--limit N] [--follow] [--remote] [--state DIR]";
const pageSize = 1000;

function parseTime(text, now = Date.now()) {
  const ago = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text);
  if (ago) return now - Number(ago[1]) * { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[ago[2]];
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`not a time or a duration: ${text}`);
  return at;
}

/** The WHERE clause (after the id cursor) and its values, from the options. */
export function auditQuery(options) {
  const terms = [];
  const values = [];
  const eq = (column, value) => {
    terms.push(`${column} = ?`);
    values.push(value);
  };
  if (options.since) {
    terms.push("ts >= ?");
    values.push(Math.floor(parseTime(options.since)));
  }
  if (options.until) {
    terms.push("ts < ?");
    values.push(Math.ceil(parseTime(options.until)));
  }
  if (options.user) {
    terms.push("(user = ? OR impersonated_user = ?)");
    values.push(options.user, options.user);
  }
  if (options.verb) {
    const verbs = options.verb.split(",").map((v) => v.trim()).filter(Boolean);
    terms.push(`verb IN (${verbs.map(() => "?").join(", ")})`);
    values.push(...verbs);
  }
  if (options.resource) {
    const [resource, subresource] = options.resource.split("/");
    eq("resource", resource);
    if (subresource !== undefined) eq("subresource", subresource);
  }
  if (options.namespace) eq("namespace", options.namespace);
  if (options.name) eq("name", options.name);
  if (options.code) {
    const range = /^([1-5])xx$/i.exec(options.code);
    if (range) {
      terms.push("code BETWEEN ? AND ?");
      values.push(Number(range[1]) * 100, Number(range[1]) * 100 + 99);
    } else if (/^\d{3}$/.test(options.code)) eq("code", Number(options.code));
    else throw new Error(`--code: expected a status code such as 403, or a class such as 4xx: ${options.code}`);
  }
  if (options.level) eq("level", options.level);
  if (options.stage) eq("stage", options.stage);
  if (options["audit-id"]) eq("audit_id", options["audit-id"]);
  return { where: terms.length ? ` AND ${terms.join(" AND ")}` : "", values };
}

/** Reads pages from the local D1 state through Miniflare, as `wrangler d1 execute --local` does. */
async function localReader(stateDir) {
  const { Miniflare, convertV4MiniflareOptions } = await import("miniflare");
  const { readWranglerConfig } = await import("./lib/start-miniflare.mjs");
  // wrangler reports what it reads on stdout, which is the events' stream here.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  let wrangler;
  try {
    wrangler = readWranglerConfig(resolve("wrangler.toml"));
  } finally {
    console.log = log;
  }
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: join(resolve(stateDir), "v3"),
      workers: [
        {
          name: wrangler.name,
          compatibilityDate: wrangler.workerOptions.compatibilityDate,
          modules: [{ type: "ESModule", path: "reader.mjs", contents: "export default { fetch() { return new Response(null, { status: 404 }) } }" }],
          d1Databases: wrangler.workerOptions.d1Databases,
        },
      ],
    }),
  );
  const db = await mf.getD1Database("DB");
  return {
    page: async (sql, values) => (await db.prepare(sql).bind(...values).all()).results,
    close: () => mf.dispose(),
  };
}

/** Reads pages from the deployed database with `wrangler d1 execute --remote` (values inlined as literals). */
function remoteReader() {
  const literal = (v) => (typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  return {
    page: async (sql, values) => {
      let i = 0;
      const command = sql.replace(/\?/g, () => literal(values[i++]));
      const out = spawnSync("npx", ["wrangler", "d1", "execute", "DB", "--remote", "--json", "--command", command], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
      if (out.status !== 0) throw new Error(`wrangler d1 execute failed:\n${out.stderr || out.stdout}`);
      return JSON.parse(out.stdout)[0].results;
    },
    close: async () => {},
  };
}

async function main() {
  const { values: options } = parseArgs({
    options: {
      since: { type: "string" },
      until: { type: "string" },
      user: { type: "string" },
      verb: { type: "string" },
      resource: { type: "string" },
      namespace: { type: "string", short: "n" },
      name: { type: "string" },
      code: { type: "string" },
      level: { type: "string" },
      stage: { type: "string" },
      "audit-id": { type: "string" },
      limit: { type: "string" },
      follow: { type: "boolean", short: "f" },
      remote: { type: "boolean" },
      state: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (options.help) {
    console.log(usage);
    return;
  }
  const { where, values } = auditQuery(options);
  const limit = options.limit ? Number(options.limit) : Infinity;
  const reader = options.remote ? remoteReader() : await localReader(options.state ?? process.env.STATE_DIR ?? ".wrangler/state");
  let stop = false;
  process.on("SIGINT", () => (stop = true));
  try {
    let cursor = 0;
    let printed = 0;
    while (!stop && printed < limit) {
      const rows = await reader.page(`SELECT id, event FROM audit WHERE id > ?${where} ORDER BY id LIMIT ${pageSize}`, [cursor, ...values]);
      for (const row of rows) {
        if (printed >= limit) break;
        if (!process.stdout.write(`${row.event}\n`)) await new Promise((done) => process.stdout.once("drain", done));
        printed++;
      }
      if (rows.length) cursor = rows[rows.length - 1].id;
      if (rows.length < pageSize) {
        if (!options.follow) break;
        await new Promise((done) => setTimeout(done, 1000));
      }
    }
  } finally {
    await reader.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(usage);
    process.exit(1);
  });
}
