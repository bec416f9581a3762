import { normalizeHeader } from './normalize-header.ts';

const fnvOffset = 0xcbf29ce484222325n;
const fnvPrime = 0x100000001b3n;
const mask64 = 0xffffffffffffffffn;

/**
 * The fingerprint of a source layout: FNV-1a (64 bits, 16 hex digits) over the normalised
 * headers, sorted. Order-insensitive on purpose: a mapping names its columns by header, never by
 * position, so a department that moves a column still has the same layout and its template
 * still applies; a column added, dropped or renamed is a new layout and is asked about.
 * Duplicates count (`电话`, `电话` is not `电话`). Normalised, so `姓 名*` and `姓名` agree.
 */
export function layoutFingerprint(headers: readonly string[]): string {
  const keys = headers.map(normalizeHeader).sort();
  let hash = fnvOffset;
  const text = keys.join('\u0000');
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    hash = ((hash ^ BigInt(unit & 0xff)) * fnvPrime) & mask64;
    hash = ((hash ^ BigInt(unit >>> 8)) * fnvPrime) & mask64;
  }
  return hash.toString(16).padStart(16, '0');
}
