import Big from 'big.js';
import {
  canonicalDecimal,
  DECIMAL_PATTERN,
  formatMoney,
  fromCents,
  fromTenThousandths,
  fromTenThousandthsAmount,
  parseMoney,
  toCents,
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

describe('money: amounts', () => {
  it.each([
    ['72.38', 7238n],
    ['0.00', 0n],
    ['0.05', 5n],
    ['1234567890123.99', 123456789012399n],
  ])('parses %s', (text, cents) => {
    const amount = parseMoney(text)!;
    expect(toCents(amount)).toBe(cents);
    expect(formatMoney(fromCents(cents))).toBe(text);
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
    'NaN',
    'Infinity',
  ])('refuses %p', text => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it('takes negative amounts only when asked', () => {
    expect(parseMoney('-5.00')).toBeUndefined();
    expect(toCents(parseMoney('-5.00', { allowNegative: true })!)).toBe(-500n);
    expect(formatMoney(fromCents(-5n))).toBe('-0.05');
    expect(formatMoney(fromCents('-500'))).toBe('-5.00');
  });

  it.each([
    // [amount, rounded to the cent]
    ['0.025', '0.03'],
    ['-0.025', '-0.03'], // away from zero
    ['0.035', '0.04'],
    ['1.3333', '1.33'],
    ['1.6666', '1.67'],
    ['-1.6666', '-1.67'],
    ['0.0049', '0.00'],
    ['-0.0049', '0.00'], // never "-0.00"
  ])('rounds %s half away from zero to %s', (amount, expected) => {
    expect(formatMoney(new Big(amount))).toBe(expected);
  });

  it('prorates a monthly fee by days, as billing.md rounds it', () => {
    // 49.00 a month, 12 of 31 days: 18.9677… → 18.97
    expect(formatMoney(new Big('49.00').times(12).div(31))).toBe('18.97');
    // round(monthly fee / D): 49.00 / 30 = 1.6333… → 1.63
    expect(formatMoney(new Big('49.00').div(30))).toBe('1.63');
    // Worked example 1: 300.00 / 29 = 10.3448… → 10.34
    expect(formatMoney(new Big('300.00').div(29))).toBe('10.34');
  });

  it('reads SMS fees kept as ten-thousandths exactly', () => {
    expect(formatMoney(fromTenThousandthsAmount(150n))).toBe('0.02'); // 0.0150
    expect(formatMoney(fromTenThousandthsAmount('149'))).toBe('0.01');
    expect(formatMoney(fromTenThousandthsAmount(75))).toBe('0.01'); // 0.0075
    expect(formatMoney(fromTenThousandthsAmount(-150n))).toBe('-0.02');
  });
});
