// Go's net/url Parse, as far as webhook URL validation looks at it: scheme, user information, host, query and
// fragment, and Go's error text when the URL does not parse ("parse \"x\": missing protocol scheme").

export interface GoUrl {
  scheme: string;
  /** The user information as written (Userinfo.String()), when there is an '@' in the authority. */
  user?: string;
  host: string;
  rawQuery: string;
  fragment: string;
}

class UrlError extends Error {}

const hex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);

/** unescape: %XX sequences decoded; a broken one is Go's EscapeError. */
function unescape(s: string, mode: "host" | "path" | "fragment" | "user"): string {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "%") {
      if (i + 2 >= s.length || !hex(s[i + 1]) || !hex(s[i + 2])) {
        throw new UrlError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      }
      if (mode === "host" && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== "%25") {
        throw new UrlError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      }
      i += 2;
    } else if (mode === "host" && c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]/.test(c)) {
      throw new UrlError(`invalid character ${JSON.stringify(c)} in host name`);
    }
  }
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function validOptionalPort(port: string): boolean {
  if (port === "") return true;
  return port[0] === ":" && /^[0-9]*$/.test(port.slice(1));
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${JSON.stringify(colonPort)} after host`);
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1 && !validOptionalPort(host.slice(i))) throw new UrlError(`invalid port ${JSON.stringify(host.slice(i))} after host`);
  }
  return unescape(host, "host");
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) throw new UrlError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parse(raw: string): GoUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError("net/url: invalid control character in URL");
  const url: GoUrl = { scheme: "", host: "", rawQuery: "", fragment: "" };
  if (raw === "*") return url;
  let [scheme, rest] = getScheme(raw);
  url.scheme = scheme.toLowerCase();
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) [rest, url.rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith("/")) {
    if (url.scheme) return url; // opaque
    if (rest.split("/")[0].includes(":")) throw new UrlError("first path segment in URL cannot contain colon");
  }
  if ((url.scheme || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    const slash = authority.indexOf("/");
    rest = slash >= 0 ? authority.slice(slash) : "";
    if (slash >= 0) authority = authority.slice(0, slash);
    const at = authority.lastIndexOf("@");
    url.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new UrlError("net/url: invalid userinfo");
      for (const part of userinfo.split(":", 2)) unescape(part, "user");
      url.user = userinfo;
    }
  }
  unescape(rest, "path");
  return url;
}

/** url.Parse: the URL, or Go's error text. */
export function parseGoUrl(raw: string): { url: GoUrl } | { error: string } {
  const hash = raw.indexOf("#");
  const base = hash >= 0 ? raw.slice(0, hash) : raw;
  let url: GoUrl;
  try {
    url = parse(base);
  } catch (e) {
    return { error: `parse ${JSON.stringify(base)}: ${(e as Error).message}` };
  }
  if (hash >= 0) {
    try {
      url.fragment = unescape(raw.slice(hash + 1), "fragment");
    } catch (e) {
      return { error: `parse ${JSON.stringify(raw)}: ${(e as Error).message}` };
    }
  }
  return { url };
}
