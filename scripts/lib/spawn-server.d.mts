import type { ChildProcess } from "node:child_process";

export const ROOT: string;
export function nodeBinary(): string;
export function isolatedServeEnv(dir: string, port: number): Record<string, string>;
export function spawnServer(options: {
  command: string;
  args: string[];
  env?: Record<string, string>;
  ready: RegExp;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
}): Promise<{ child: ChildProcess; url: string; output(): string; stop(): Promise<void> }>;
export function freePort(): Promise<number>;
