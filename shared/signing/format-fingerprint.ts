/**
 * A key fingerprint as a clerk reads it out on the phone: 64 hex digits in upper case, in 16
 * groups of 4 (the province repeats it back group by group).
 */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
