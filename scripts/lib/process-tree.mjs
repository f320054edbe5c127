// Reads a process tree from Linux's /proc: who descends from a pid, and how much memory each holds.

import { readdirSync, readFileSync } from "node:fs";

/** The pids of every process descending from `root` (not `root` itself). */
export function descendants(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The process's name and resident set size in KiB, or undefined once it has exited. */
export function processStatus(pid) {
  const status = read(`/proc/${pid}/status`);
  if (status === undefined) return undefined;
  const name = /^Name:\s*(.+)$/m.exec(status)?.[1] ?? "?";
  const rssKiB = Number(/^VmRSS:\s*(\d+) kB$/m.exec(status)?.[1] ?? 0);
  return { pid, name, rssKiB };
}

function parentOf(pid) {
  const stat = read(`/proc/${pid}/stat`);
  // The name field may hold spaces and parentheses: the parent pid is the second field after the last ")".
  return stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

function read(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
