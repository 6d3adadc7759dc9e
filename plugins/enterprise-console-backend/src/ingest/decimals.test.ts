import {
  canonicalDecimal,
  DECIMAL_PATTERN,
  fromTenThousandths,
  toTenThousandths,
} from './decimals';

describe('decimals', () => {
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
