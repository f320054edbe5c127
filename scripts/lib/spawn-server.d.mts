import type { ChildProcess } from "node:child_process";

export const ROOT: string;
export function nodeBinary(): string;
export interface ServeEnv {
  PORT: string;
  STATE_DIR: string;
  PKI_DIR: string;
  DEV_VARS_FILE: string;
  STATIC_TOKENS_FILE: string;
  KUBECONFIG_OUT: string;
  BUNDLE_OUT: string;
}
export function isolatedServeEnv(dir: string, port: number): ServeEnv;
export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  /** The last 64 KiB the server printed. */
  output(): string;
  stop(): Promise<void>;
}
export function spawnServe(env: ServeEnv): Promise<SpawnedServer>;
export function spawnServer(options: {
  command: string;
  args: string[];
  env?: Record<string, string>;
  ready: RegExp;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
}): Promise<SpawnedServer>;
export function freePort(): Promise<number>;
