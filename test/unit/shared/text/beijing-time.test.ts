import { expect, it } from 'vitest';
import { beijingIso, beijingTimeText } from '../../../../shared/text/beijing-time.ts';

it('shows an instant in Beijing time, across midnight and the year', () => {
  expect(beijingTimeText('2026-12-31T16:30:05.250Z')).toBe('2027-01-01 00:30:05');
  expect(beijingIso('2026-12-31T16:30:05.250Z')).toBe('2027-01-01T00:30:05.250+08:00');
  expect(Date.parse(beijingIso('2026-03-01T01:02:03.004Z'))).toBe(
    Date.parse('2026-03-01T01:02:03.004Z'),
  );
  expect(beijingTimeText('不是时间')).toBe('不是时间');
});
