// kube's URL library: url(string), isURL(string), and getScheme, getHost, getHostname, getPort, getEscapedPath,
// getQuery. A string is a URL as Go's url.ParseRequestURI takes it (absolute, or an absolute path; no
// fragment); its parts are then read as url.Parse reads them.

import { EvaluationError, type Environment } from "@marcbachmann/cel-js";

export class KubeUrl {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly path: string,
    readonly rawQuery: string,
  ) {}
}

class UrlError extends Error {}

function parseError(raw: string, message: string): never {
  throw new UrlError(`parse ${JSON.stringify(raw)}: ${message}`);
}

function validEscapes(text: string): string | undefined {
  const bad = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(text);
  return bad ? `invalid URL escape ${JSON.stringify(`%${bad[1]}`)}` : undefined;
}

/** Go's url.parse (viaRequest: ParseRequestURI's stricter form), reduced to the parts the library reads. */
function parseUrl(raw: string, viaRequest: boolean): KubeUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) parseError(raw, "net/url: invalid control character in URL");
  if (raw === "" && viaRequest) parseError(raw, "empty url");
  let rest = raw;
  if (!viaRequest) {
    const hash = rest.indexOf("#");
    if (hash >= 0) rest = rest.slice(0, hash);
  }
  if (rest === "*") return new KubeUrl("", "", "*", "");
  let scheme = "";
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  } else if (rest.startsWith(":")) {
    parseError(raw, "missing protocol scheme");
  }
  let rawQuery = "";
  const q = rest.indexOf("?");
  if (q >= 0) {
    rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return new KubeUrl(scheme, "", "", rawQuery);
    if (viaRequest) parseError(raw, "invalid URI for request");
    const colon = rest.indexOf(":");
    const slash = rest.indexOf("/");
    if (colon >= 0 && (slash < 0 || colon < slash)) parseError(raw, "first path segment in URL cannot contain colon");
  }
  let host = "";
  if ((scheme !== "" || !viaRequest) && rest.startsWith("//") && !(scheme === "" && rest.startsWith("///"))) {
    const authorityEnd = rest.indexOf("/", 2);
    const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    rest = authorityEnd < 0 ? "" : rest.slice(authorityEnd);
    host = authority.slice(authority.lastIndexOf("@") + 1);
    const port = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host.slice(Math.max(0, host.lastIndexOf(":")));
    if (host.startsWith("[") && !host.includes("]")) parseError(raw, "missing ']' in host");
    if (port !== "" && port.startsWith(":") && !/^:\d*$/.test(port)) parseError(raw, `invalid port ${JSON.stringify(port)} after host`);
    const escape = validEscapes(host);
    if (escape) parseError(raw, escape);
  }
  const escape = validEscapes(rest);
  if (escape) parseError(raw, escape);
  return new KubeUrl(scheme, host, rest, rawQuery);
}

function toUrl(raw: string): KubeUrl {
  try {
    parseUrl(raw, true);
    return parseUrl(raw, false);
  } catch (error) {
    if (!(error instanceof UrlError)) throw error;
    throw new EvaluationError({ code: "invalid_url", message: `URL parse error during conversion from string: ${error.message}` });
  }
}

function hostname(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

function port(host: string): string {
  const tail = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host;
  const colon = tail.lastIndexOf(":");
  return colon >= 0 ? tail.slice(colon + 1) : "";
}

function unescapeQuery(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** url.ParseQuery: repeated keys collect their values; a pair with a bad escape or a ';' is skipped. */
function query(url: KubeUrl): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of url.rawQuery.split("&")) {
    if (pair === "" || pair.includes(";")) continue;
    const eq = pair.indexOf("=");
    const key = unescapeQuery(eq < 0 ? pair : pair.slice(0, eq));
    const value = unescapeQuery(eq < 0 ? "" : pair.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

export function registerUrlsLibrary(env: Environment): void {
  env.registerType("kubernetes.URL", KubeUrl);
  env.registerFunction("url(string): kubernetes.URL", toUrl);
  env.registerFunction("isURL(string): bool", (raw: string) => {
    try {
      parseUrl(raw, true);
      return true;
    } catch {
      return false;
    }
  });
  env.registerFunction("kubernetes.URL.getScheme(): string", (u: KubeUrl) => u.scheme);
  env.registerFunction("kubernetes.URL.getHost(): string", (u: KubeUrl) => u.host);
  env.registerFunction("kubernetes.URL.getHostname(): string", (u: KubeUrl) => hostname(u.host));
  env.registerFunction("kubernetes.URL.getPort(): string", (u: KubeUrl) => port(u.host));
  env.registerFunction("kubernetes.URL.getEscapedPath(): string", (u: KubeUrl) => u.path);
  env.registerFunction("kubernetes.URL.getQuery(): map<string, list<string>>", query);
}
