// Go's regexp.Compile as far as its error goes: re2js is a port of RE2 and reports kube's exact text
// ("error parsing regexp: missing closing ): `(a`"); lookarounds and backreferences are errors, as in Go.

import { RE2JS, RE2JSSyntaxException } from "re2js";

/** The error Go's regexp.Compile gives for the pattern, or undefined when it compiles. */
export function goRegexpError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    if (e instanceof RE2JSSyntaxException) return e.message;
    throw e;
  }
}
