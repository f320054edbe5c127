// Property names as CEL sees them (k8s.io/apiserver/pkg/cel/escaping.go): a property whose name is not a CEL
// identifier is reached through an escaped one ("x-y" → x__dash__y, "namespace" → __namespace__), and one that
// cannot be escaped (a leading digit, other punctuation) is not visible to rules at all.

const reserved = new Set([
  "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import",
  "let", "loop", "package", "namespace", "return", "var", "void", "while",
]);

const plainIdentifier = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const escapable = /^[a-zA-Z_./-][a-zA-Z0-9_./-]*$/;

/** The CEL field name of a property, or undefined when the property cannot be reached from CEL. */
export function escapeName(name: string): string | undefined {
  if (name.length === 0 || (name[0] >= "0" && name[0] <= "9")) return undefined;
  if (reserved.has(name)) return `__${name}__`;
  if (plainIdentifier.test(name) && !name.includes("__")) return name;
  if (!escapable.test(name)) return undefined;
  return name.replace(/__|[-./]/g, (s) => {
    switch (s) {
      case "__":
        return "__underscores__";
      case ".":
        return "__dot__";
      case "-":
        return "__dash__";
      default:
        return "__slash__";
    }
  });
}
