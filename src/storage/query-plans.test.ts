// The storage statements' plans in SQLite (node's, with the migrations applied): each read is a range of a key
// or an index, never a whole table or a resource's whole history, so a read costs what it returns.
import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { pageSql, sql } from "./statements.ts";

const migrations = new URL("../../migrations/", import.meta.url);

function database(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  for (const file of readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort()) db.exec(readFileSync(new URL(file, migrations), "utf8"));
  return db;
}

const reads: [string, string][] = [
  ...Object.entries(sql).filter(([, text]) => /^\s*SELECT/.test(text)),
  ...Object.entries(pageSql).flatMap(([scope, statements]) => Object.entries(statements).map(([name, text]): [string, string] => [`${scope}.${name}`, text])),
];

describe("storage query plans", () => {
  const db = database();
  const plan = (text: string) => db.prepare(`EXPLAIN QUERY PLAN ${text}`).all().map((row) => String(row.detail));

  for (const [name, text] of reads) {
    it(`${name} searches ranges only`, () => {
      const steps = plan(text);
      expect(steps.filter((step) => /^SCAN (objects|log|l|o)\b/.test(step))).toEqual([]);
      // A log search bounded by the resource alone walks its whole history.
      expect(steps.filter((step) => /log_by_key \(resource=\?\)$/.test(step))).toEqual([]);
      if (name.startsWith("namespace.")) expect(steps.filter((step) => /SEARCH objects/.test(step)).every((step) => step.includes("namespace=?"))).toBe(true);
    });
  }

  it("looks the prefetched objects up by key, not by walking the namespace", () => {
    expect(plan(sql.getObjects)).toEqual([expect.stringMatching(/^SCAN k/), "SEARCH o USING PRIMARY KEY (resource=? AND namespace=? AND name=?)"]);
  });

  it("loads a shard's keys through the namespace index", () => {
    expect(plan(sql.keysInNamespace)).toEqual(["SEARCH objects USING INDEX objects_by_namespace (namespace=?)"]);
  });
});
