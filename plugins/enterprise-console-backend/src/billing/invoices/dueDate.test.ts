import { dueDateOf } from './dueDate';

describe('dueDateOf (billing.md: period end + 30 days above 100.00 or with autopay)', () => {
  it.each([
    ['exactly 100.00', 10_000n, false, undefined],
    ['100.01', 10_001n, false, '2016-03-30'],
    ['0.00', 0n, false, undefined],
    ['0.00 with automatic payment', 0n, true, '2016-03-30'],
    ['exactly 100.00 with automatic payment', 10_000n, true, '2016-03-30'],
  ])(
    'gives a balance of %s (%p cents, autopay %p) the due date %p',
    (_, cents, autopay, due) => {
      expect(dueDateOf('2016-02-29', cents, autopay)).toBe(due);
    },
  );

  it('counts 30 days across a month and a year end', () => {
    expect(dueDateOf('2026-12-31', 20_000n, false)).toBe('2027-01-30');
    expect(dueDateOf('2026-01-31', 20_000n, false)).toBe('2026-03-02');
  });
});
