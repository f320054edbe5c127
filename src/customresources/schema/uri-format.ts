// The "uri" format of kube-openapi's registry: whether Go's url.ParseRequestURI accepts the string (an
// absolute URI or an absolute path; no fragment splitting; valid %-escapes; a valid host and port).

const hexChar = /^[0-9A-Fa-f]$/;

function hasCTL(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** getScheme: [scheme, rest], or undefined for "missing protocol scheme". */
function splitScheme(raw: string): [string, string] | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) continue;
    if ((c >= "0" && c <= "9") || c === "+" || c === "-" || c === ".") {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") return i === 0 ? undefined : [raw.slice(0, i), raw.slice(i + 1)];
    return ["", raw];
  }
  return ["", raw];
}

/** %-escapes must be complete; in a host, an escape may only stand for a byte of a multi-byte character. */
function validEscapes(s: string, host: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "%") continue;
    if (i + 2 >= s.length || !hexChar.test(s[i + 1]) || !hexChar.test(s[i + 2])) return false;
    if (host && Number.parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== "%25") return false;
    i += 2;
  }
  return true;
}

/** shouldEscape(c, encodeHost) is false: the ASCII characters a host may hold as they are. */
const hostChar = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%]$/;

function validHost(host: string): boolean {
  let h = host;
  if (h.startsWith("[")) {
    const end = h.lastIndexOf("]");
    if (end < 0) return false;
    const port = h.slice(end + 1);
    if (port !== "" && !/^:[0-9]*$/.test(port)) return false;
    h = h.slice(0, end + 1);
  } else {
    const colon = h.lastIndexOf(":");
    if (colon >= 0) {
      if (!/^:[0-9]*$/.test(h.slice(colon))) return false;
      h = h.slice(0, colon);
    }
  }
  for (const ch of h) if (ch.charCodeAt(0) < 0x80 && !hostChar.test(ch)) return false;
  return validEscapes(h, true);
}

const userinfoChar = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]$/;

function validAuthority(authority: string): boolean {
  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    for (const ch of userinfo) if (!userinfoChar.test(ch)) return false;
    if (!validEscapes(userinfo, false)) return false;
  }
  return validHost(authority.slice(at + 1));
}

export function isRequestURI(raw: string): boolean {
  if (hasCTL(raw) || raw === "") return false;
  if (raw === "*") return true;
  const split = splitScheme(raw);
  if (!split) return false;
  const [scheme] = split;
  let rest = split[1];
  if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/")) return scheme !== "";
  if (scheme !== "" && rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    if (!validAuthority(authority)) return false;
    rest = slash < 0 ? "" : rest.slice(slash);
  }
  return validEscapes(rest, false);
}
