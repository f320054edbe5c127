// Calls the Worker as a client would, with the admin token the workerd tests configure.
import { exports } from "cloudflare:workers";

export const adminToken = "test-admin-token";

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${adminToken}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["Content-Type"] ??= "application/json";
  }
  const res = await exports.default.fetch(new Request(`https://kube.test${path}`, init));
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

let counter = 0;
/** A fresh namespace for one test, created through the API. */
export async function freshNamespace(prefix = "t"): Promise<string> {
  const name = `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const res = await api("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  if (res.status !== 201) throw new Error(`creating namespace ${name}: ${res.status} ${res.text}`);
  return name;
}
