// Query parameters every write shares: dryRun, fieldManager, fieldValidation.

import { badRequest } from "../api/errors.ts";
import type { Status } from "../api/status.ts";

export interface WriteOptions {
  dryRun: boolean;
}

export function writeOptions(query: URLSearchParams): WriteOptions | Status {
  const dryRun = query.getAll("dryRun");
  for (const value of dryRun) {
    if (value !== "All") return badRequest(`Invalid dryRun value: ${JSON.stringify(value)}: supported values: "All"`);
  }
  const validation = query.get("fieldValidation");
  if (validation !== null && !["Strict", "Warn", "Ignore", ""].includes(validation)) {
    return badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got ${JSON.stringify(validation)}`);
  }
  const manager = query.get("fieldManager");
  if (manager !== null && manager.length > 128) return badRequest("fieldManager: Too long: must have at most 128 bytes");
  return { dryRun: dryRun.length > 0 };
}
