import { describe, expect, it } from 'vitest';
import { createFinding } from '../../../../shared/validators/finding.ts';
import { detectTypingSlip, reportTypingSlip } from '../../../../shared/validators/typing-slip.ts';

describe('detectTypingSlip', () => {
  it('finds nothing in a clean value', () => {
    expect(detectTypingSlip('371702199003071231')).toBeUndefined();
    expect(detectTypingSlip('汉族')).toBeUndefined();
  });

  it('makes full-width forms half-width', () => {
    expect(detectTypingSlip('３７１７０２－Ｘ')).toEqual({ kind: 'full-width', clean: '371702-X' });
  });

  it('removes spaces, the ideographic space and zero-width characters', () => {
    expect(detectTypingSlip('3717\u00a002\u3000199\u200b0\t1')).toEqual({
      kind: 'whitespace',
      clean: '37170219901',
    });
  });

  it('calls a value with both slips full-width', () => {
    expect(detectTypingSlip('３７ 17')).toEqual({ kind: 'full-width', clean: '3717' });
  });
});

describe('reportTypingSlip', () => {
  const slip = { kind: 'whitespace', clean: '371702' } as const;

  it('suggests the clean value when it is fine', () => {
    expect(reportTypingSlip(slip, undefined)).toMatchObject({
      code: 'whitespace',
      severity: 'error',
      suggestion: '371702',
    });
  });

  it('carries the clean value’s own suggestion', () => {
    const warning = createFinding('legacy-15', 'warning', 'zh', 'en', '371702X');
    expect(reportTypingSlip(slip, warning).suggestion).toBe('371702X');
  });

  it('reports the clean value’s error instead of the slip', () => {
    const error = createFinding('checksum', 'error', 'zh', 'en');
    expect(reportTypingSlip(slip, error)).toBe(error);
  });
});
