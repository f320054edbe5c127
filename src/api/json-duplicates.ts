// Finds the keys a JSON text repeats inside one object. JSON.parse keeps the last value silently; kube's strict
// decoder reports each repeat as `duplicate field "spec.paused"`, so the Worker scans the text once for them.

/** Where a value sits: `spec.containers[0].name`, kube's strict-decoding path (map keys joined with dots too). */
export function joinFieldPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

interface ObjectFrame {
  path: string;
  keys: Set<string>;
  key: string;
  /** The next string is a key (after `{` or `,`), not a value. */
  expectKey: boolean;
}

interface ArrayFrame {
  path: string;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

const isObjectFrame = (frame: Frame): frame is ObjectFrame => "keys" in frame;

/** Index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    let slashes = 0;
    for (let i = quote - 1; i > start && text.charCodeAt(i) === 0x5c; i--) slashes++;
    if (slashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/**
 * The paths of keys a JSON text repeats within one object, each once, in the order the repeats appear.
 * The text must be valid JSON (parse it first); keys compare by their decoded value, as Go's decoder does.
 */
export function jsonDuplicateFields(text: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const stack: Frame[] = [];
  const valuePath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return "";
    return isObjectFrame(top) ? joinFieldPath(top.path, top.key) : joinFieldPath(top.path, top.index);
  };
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x22: {
        // a string: a key when the enclosing object expects one, otherwise a value to skip
        const end = stringEnd(text, i);
        const top = stack[stack.length - 1];
        if (top && isObjectFrame(top) && top.expectKey) {
          const raw = text.slice(i + 1, end);
          const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
          if (top.keys.has(key)) {
            const path = joinFieldPath(top.path, key);
            if (!seen.has(path)) {
              seen.add(path);
              found.push(path);
            }
          } else {
            top.keys.add(key);
          }
          top.key = key;
          top.expectKey = false;
        }
        i = end;
        break;
      }
      case 0x7b: // {
        stack.push({ path: valuePath(), keys: new Set(), key: "", expectKey: true });
        break;
      case 0x5b: // [
        stack.push({ path: valuePath(), index: 0 });
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: {
        // ,
        const top = stack[stack.length - 1];
        if (!top) break;
        if (isObjectFrame(top)) top.expectKey = true;
        else top.index++;
        break;
      }
    }
  }
  return found;
}
