import {
  canonicalDecimal,
  DECIMAL_PATTERN,
  divideRounded,
  formatCents,
  fromTenThousandths,
  multiplyCents,
  parseCents,
  tenThousandthsToCents,
  toTenThousandths,
} from './money';

describe('money: ten-thousandths', () => {
  it.each([
    ['0', 0],
    ['0.0075', 75],
    ['0.01', 100],
    ['12.5', 125_000],
    ['999999999.9999', 9_999_999_999_999],
  ])('converts %s to %d ten-thousandths and back', (decimal, value) => {
    expect(toTenThousandths(decimal)).toBe(value);
    expect(fromTenThousandths(value, 'trimmed')).toBe(
      canonicalDecimal(decimal, 'trimmed'),
    );
  });

  it('formats fees with four decimals and quantities without trailing zeros', () => {
    expect(fromTenThousandths(75, 'four')).toBe('0.0075');
    expect(fromTenThousandths('120000', 'four')).toBe('12.0000');
    expect(fromTenThousandths(120_000, 'trimmed')).toBe('12');
    expect(canonicalDecimal('007.50', 'trimmed')).toBe('7.5');
  });

  it.each([
    '-1',
    '1.23456',
    '1e3',
    '.5',
    '1.',
    ' 1',
    '1,5',
    '0x10',
    '1234567890',
  ])('refuses %j', text => {
    expect(DECIMAL_PATTERN.test(text)).toBe(false);
  });
});

describe('money: cents', () => {
  it.each([
    ['72.38', 7238n],
    ['0.00', 0n],
    ['0.05', 5n],
    ['1234567890123.99', 123456789012399n],
  ])('parses %s', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
    expect(formatCents(cents)).toBe(text);
  });

  it.each([
    '1e3',
    '12.345',
    '12.3',
    '12',
    '-1',
    ' 1.00',
    '1.00 ',
    '+1.00',
    '',
    '0x10.00',
    '١.٠٠',
  ])('refuses %p', text => {
    expect(parseCents(text)).toBeUndefined();
  });

  it('takes negative amounts only when asked', () => {
    expect(parseCents('-5.00')).toBeUndefined();
    expect(parseCents('-5.00', { allowNegative: true })).toBe(-500n);
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(-500n)).toBe('-5.00');
  });

  it.each([
    // [numerator, denominator, rounded]
    [5n, 2n, 3n], // 2.5 → 3
    [-5n, 2n, -3n], // -2.5 → -3, away from zero
    [7n, 2n, 4n],
    [4n, 3n, 1n], // 1.33 → 1
    [5n, 3n, 2n], // 1.67 → 2
    [-5n, 3n, -2n],
    [15n, 10n, 2n], // 1.5 → 2
    [14n, 10n, 1n],
    [5n, -2n, -3n],
    [0n, 7n, 0n],
  ])('rounds %p / %p half away from zero to %p', (n, d, expected) => {
    expect(divideRounded(n, d)).toBe(expected);
  });

  it('refuses division by zero', () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });

  it('prorates a monthly fee by days, as billing.md rounds it', () => {
    // 49.00 a month, 12 of 31 days: 4900 × 12 / 31 = 1896.77… → 18.97
    expect(formatCents(multiplyCents(4900n, 12, 31))).toBe('18.97');
    // round(monthly fee / D): 49.00 / 30 = 1.6333… → 1.63
    expect(formatCents(multiplyCents(4900n, 1, 30))).toBe('1.63');
    // exactly half a cent rounds away from zero
    expect(multiplyCents(1n, 1, 2)).toBe(1n);
    expect(multiplyCents(-1n, 1, 2)).toBe(-1n);
  });

  it('turns SMS ten-thousandths into cents half away from zero', () => {
    expect(tenThousandthsToCents(150n)).toBe(2n); // 0.0150 → 0.02
    expect(tenThousandthsToCents(149n)).toBe(1n);
    expect(tenThousandthsToCents(75n)).toBe(1n); // 0.0075 → 0.01
    expect(tenThousandthsToCents(-150n)).toBe(-2n);
  });
});
