// Applies migrations/*.sql to a local D1 database, recorded in the `d1_migrations` table exactly as
// `wrangler d1 migrations apply --local` records them, so either tool skips what the other applied.

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { unstable_splitSqlQuery as splitSqlQuery } from "wrangler";

const TABLE = "d1_migrations";
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${TABLE}(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;
const LIST_APPLIED = `SELECT name FROM ${TABLE} ORDER BY id`;

/** Applies each not yet applied migration in name order, each in one batch with its bookkeeping row. */
export async function applyMigrations(db, dir) {
  await db.prepare(CREATE_TABLE).run();
  const applied = new Set((await db.prepare(LIST_APPLIED).all()).results.map((row) => row.name));
  const pending = (await readdir(dir)).filter((name) => name.endsWith(".sql") && !applied.has(name)).sort();
  for (const name of pending) {
    const sql = await readFile(join(dir, name), "utf8");
    const statements = splitSqlQuery(`${sql}\nINSERT INTO ${TABLE} (name) values ('${name.replace(/'/g, "''")}');`);
    await db.batch(statements.map((statement) => db.prepare(statement)));
  }
  return pending;
}
