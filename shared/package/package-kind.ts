import { err, ok, type Result } from '../result.ts';

/** The kind of a package: 共享 (to the province) or 开放 (public release, masked). */
export type PackageKind = 'share' | 'open';

/** The Chinese name of each kind, as the manifest and the reports write it. */
export const packageKindNames: Readonly<Record<PackageKind, '共享' | '开放'>> = {
  share: '共享',
  open: '开放',
};

/** Reads a kind as a user types it: `share`/`共享` or `open`/`开放`. */
export function parsePackageKind(text: string): Result<PackageKind> {
  const value = text.trim().toLowerCase();
  if (value === 'share' || value === '共享') return ok('share');
  if (value === 'open' || value === '开放') return ok('open');
  return err(
    'package-kind-unknown',
    `报送类型只能是 共享（share）或 开放（open）：${text}`,
    `The package kind must be share (共享) or open (开放): ${text}`,
  );
}
