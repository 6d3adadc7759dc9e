import { formatMoney } from './numbers';

describe('formatMoney', () => {
  it('shows an amount in dollars with two places and thousands separators', () => {
    expect(formatMoney('300.00')).toBe('$300.00');
    expect(formatMoney('0')).toBe('$0.00');
    expect(formatMoney('1.5')).toBe('$1.50');
    expect(formatMoney('1200.00')).toBe('$1,200.00');
    expect(formatMoney('1234567.89')).toBe('$1,234,567.89');
    expect(formatMoney('007.10')).toBe('$7.10');
    expect(formatMoney('-45.00')).toBe('-$45.00');
  });

  it('keeps every digit of an amount past the float range or with more places', () => {
    expect(formatMoney('90071992547409931.01')).toBe(
      '$90,071,992,547,409,931.01',
    );
    expect(formatMoney('0.125')).toBe('$0.125');
  });

  it('shows what is not a decimal as it came', () => {
    expect(formatMoney('1e3')).toBe('1e3');
    expect(formatMoney('')).toBe('');
  });
});
