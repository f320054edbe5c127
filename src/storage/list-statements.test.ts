// The list statements' plans in SQLite (node's, with the migrations applied): each reads a range of a key or an
// index, never a whole table or a resource's whole history, so a page costs what it returns.
import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { pageSql } from "./list-statements.ts";

const migrations = new URL("../../migrations/", import.meta.url);

function database(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  for (const file of readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort()) db.exec(readFileSync(new URL(file, migrations), "utf8"));
  return db;
}

describe("list statements", () => {
  const db = database();
  const plan = (text: string) => db.prepare(`EXPLAIN QUERY PLAN ${text}`).all().map((row) => String(row.detail));

  for (const [scope, statements] of Object.entries(pageSql)) {
    for (const [name, text] of Object.entries(statements)) {
      it(`${scope}.${name} searches ranges only`, () => {
        const steps = plan(text);
        expect(steps.filter((step) => /^SCAN (objects|log|l)\b/.test(step))).toEqual([]);
        // A log search bounded by the resource alone walks its whole history.
        expect(steps.filter((step) => /log_by_key \(resource=\?\)$/.test(step))).toEqual([]);
        if (scope === "namespace") expect(steps.filter((step) => /SEARCH objects/.test(step)).every((step) => step.includes("namespace=?"))).toBe(true);
      });
    }
  }
});
