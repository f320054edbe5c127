// Warning response headers as kube-apiserver writes them: `299 - "text"`, each text once, quotes and
// backslashes escaped; once the texts pass 4096 characters in all, every text is cut to 256 (and, past the
// limit again, the rest are dropped), as kube's warning recorder does.

const totalRunes = 4 * 1024;
const itemRunes = 256;

// Go's unicode.IsControl: C0, DEL and C1. kube refuses to write a text holding one.
const control = /[\u0000-\u001f\u007f-\u009f]/;

function header(text: string): string {
  return `299 - "${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The values of the Warning headers for these texts, in order. */
export function warningHeaders(texts: readonly string[]): string[] {
  const headers: string[] = [];
  const recorded: string[][] = [];
  const seen = new Set<string>();
  let written = 0;
  let truncating = false;
  for (const text of texts) {
    if (text === "" || seen.has(text)) continue;
    if (truncating && written >= totalRunes) break;
    seen.add(text);
    let runes = [...text];
    recorded.push(runes);
    if (truncating && runes.length > itemRunes) runes = runes.slice(0, itemRunes);
    const value = runes.join("");
    if (control.test(value)) continue;
    if (written + runes.length <= totalRunes || truncating) {
      written += runes.length;
      headers.push(header(value));
      continue;
    }
    truncating = true;
    written = 0;
    headers.length = 0;
    for (const item of recorded) {
      const cut = item.length > itemRunes ? item.slice(0, itemRunes) : item;
      const value = cut.join("");
      if (control.test(value)) continue;
      written += cut.length;
      headers.push(header(value));
    }
  }
  return headers;
}
