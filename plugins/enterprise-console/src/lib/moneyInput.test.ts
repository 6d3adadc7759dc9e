import {
  amountProblem,
  isZeroMoney,
  normalizeAmount,
  sumMoney,
} from './moneyInput';

describe('amountProblem', () => {
  it('takes positive amounts with up to two decimals', () => {
    for (const value of [
      '1',
      '120.5',
      '120.50',
      ' 0.01 ',
      '1234567890123.99',
    ]) {
      expect(amountProblem(value)).toBeUndefined();
    }
  });

  it('names what is wrong with anything else', () => {
    expect(amountProblem('')).toBe('Enter an amount.');
    expect(amountProblem('12.345')).toBe(
      'Enter an amount with at most two decimals, e.g. 120.50.',
    );
    expect(amountProblem('1e3')).toBe(
      'Enter an amount with at most two decimals, e.g. 120.50.',
    );
    expect(amountProblem('12,50')).toBe(
      'Enter an amount with at most two decimals, e.g. 120.50.',
    );
    expect(amountProblem('12345678901234')).toBe(
      'Enter an amount with at most two decimals, e.g. 120.50.',
    );
    expect(amountProblem('0.00')).toBe('The amount cannot be zero.');
    expect(amountProblem('-5')).toBe('Enter a positive amount.');
  });

  it('takes a negative correction only when allowed', () => {
    expect(amountProblem('-5.25', { allowNegative: true })).toBeUndefined();
    expect(amountProblem('-0', { allowNegative: true })).toBe(
      'The amount cannot be zero.',
    );
  });
});

describe('money sums', () => {
  it('adds two-decimal strings exactly', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['1200.00', '72.38'])).toBe('1272.38');
    expect(sumMoney(['90071992547409.93', '0.09'])).toBe('90071992547410.02');
    expect(sumMoney(['-1.00', '0.50'])).toBe('-0.50');
    expect(sumMoney([])).toBe('0.00');
  });

  it('writes an amount with two decimals and tells zero', () => {
    expect(normalizeAmount('120.5')).toBe('120.50');
    expect(normalizeAmount(' 7 ')).toBe('7.00');
    expect(normalizeAmount('-2.1')).toBe('-2.10');
    expect(isZeroMoney('0.00')).toBe(true);
    expect(isZeroMoney('-0.00')).toBe(true);
    expect(isZeroMoney('0.01')).toBe(false);
  });
});
