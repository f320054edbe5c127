// Names the server generates: metadata.generateName suffixes and object uids.

// kube's alphabet for generated suffixes: no vowels (no words), no lookalikes.
const alphabet = "bcdfghjklmnpqrstvwxz2456789";
const maxGeneratedNameLength = 63;
const suffixLength = 5;

export function generateName(prefix: string): string {
  const base = prefix.length > maxGeneratedNameLength - suffixLength ? prefix.slice(0, maxGeneratedNameLength - suffixLength) : prefix;
  const bytes = crypto.getRandomValues(new Uint8Array(suffixLength));
  let suffix = "";
  for (const b of bytes) suffix += alphabet[b % alphabet.length];
  return base + suffix;
}

export function newUid(): string {
  return crypto.randomUUID();
}
