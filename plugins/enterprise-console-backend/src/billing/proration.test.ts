import Big from 'big.js';
import { formatMoney } from '../lib/money';
import {
  billingMonth,
  BilledSubscription,
  coveredDays,
  extraUsersLine,
  InvoiceLineDraft,
  PlanPrices,
  planFeeLines,
  smsLine,
  subscriptionMonthLines,
} from './proration';

const standard: PlanPrices = {
  name: 'Standard',
  monthlyFee: new Big('300.00'),
  annualMonthlyPrice: new Big('250.00'),
  includedUsers: 50,
  extraUserFee: new Big('2.00'),
  includedSms: 50,
};

const monthly = (
  startDate: string,
  endDate?: string,
  more: Partial<BilledSubscription> = {},
): BilledSubscription => ({
  startDate,
  endDate,
  cycle: 'monthly',
  proBono: 'full-price',
  ...more,
});

/** Lines as the API writes them, so expectations read like an invoice. */
const written = (lines: InvoiceLineDraft[]) =>
  lines.map(line => ({
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice && formatMoney(line.unitPrice),
    amount: formatMoney(line.amount),
  }));

describe('billingMonth and coveredDays', () => {
  it('knows leap Februaries and month lengths', () => {
    expect(billingMonth('2016-02')).toEqual({
      period: '2016-02',
      start: '2016-02-01',
      end: '2016-03-01',
      days: 29,
    });
    expect(billingMonth('2026-02').days).toBe(28);
    expect(billingMonth('2026-12')).toMatchObject({
      start: '2026-12-01',
      end: '2027-01-01',
      days: 31,
    });
    expect(() => billingMonth('2026-13')).toThrow(RangeError);
  });

  it('counts days half-open, the end date exclusive', () => {
    const february = billingMonth('2016-02');
    expect(coveredDays(monthly('2016-02-23'), february)).toBe(7);
    expect(coveredDays(monthly('2016-01-10'), february)).toBe(29);
    expect(coveredDays(monthly('2016-01-10', '2016-02-11'), february)).toBe(10);
    expect(coveredDays(monthly('2016-02-01', '2016-02-01'), february)).toBe(0);
    expect(coveredDays(monthly('2016-03-01'), february)).toBe(0);
    expect(coveredDays(monthly('2015-01-01', '2016-02-01'), february)).toBe(0);
  });
});

describe('plan fee', () => {
  it('holds worked example 1: 300.00 from 2016-02-23 is 7 × 10.34 = 72.38', () => {
    const { lines, prorated } = planFeeLines(
      standard,
      monthly('2016-02-23'),
      billingMonth('2016-02'),
    );
    expect(prorated).toBe(true);
    expect(written(lines)).toEqual([
      {
        kind: 'plan',
        description: 'Standard plan, 7 of 29 days of 2016-02',
        quantity: 7,
        unitPrice: '10.34',
        amount: '72.38',
      },
    ]);
  });

  it('charges a full month as one monthly fee', () => {
    const { lines, prorated } = planFeeLines(
      standard,
      monthly('2016-01-10'),
      billingMonth('2016-02'),
    );
    expect(prorated).toBe(false);
    expect(written(lines)).toEqual([
      {
        kind: 'plan',
        description: 'Standard plan, 2016-02',
        quantity: 1,
        unitPrice: '300.00',
        amount: '300.00',
      },
    ]);
  });

  it('prorates a subscription that ends within the month', () => {
    // 31 days in March: 300.00 / 31 = 9.677… → 9.68; ends on the 11th, so 10 days.
    const { lines } = planFeeLines(
      standard,
      monthly('2026-01-01', '2026-03-11'),
      billingMonth('2026-03'),
    );
    expect(written(lines)[0]).toMatchObject({
      quantity: 10,
      unitPrice: '9.68',
      amount: '96.80',
    });
  });

  it.each([
    // Starting on the 1st is a full month; on the last day, one day.
    [
      'starts on the 1st',
      monthly('2026-03-01'),
      '2026-03',
      1,
      '300.00',
      '300.00',
    ],
    [
      'starts on the last day',
      monthly('2026-03-31'),
      '2026-03',
      1,
      '9.68',
      '9.68',
    ],
    // Ending on the 1st (exclusive) bills that month nothing; on the
    // last day, all but that day.
    [
      'ends on the last day',
      monthly('2026-01-01', '2026-03-31'),
      '2026-03',
      30,
      '9.68',
      '290.40',
    ],
    [
      'lasts one day',
      monthly('2026-03-15', '2026-03-16'),
      '2026-03',
      1,
      '9.68',
      '9.68',
    ],
    // February: 300.00 / 29 = 10.34 in 2016, 300.00 / 28 = 10.71 in 2026.
    [
      'starts on 29 February of a leap year',
      monthly('2016-02-29'),
      '2016-02',
      1,
      '10.34',
      '10.34',
    ],
    [
      'starts on 28 February of a common year',
      monthly('2026-02-28'),
      '2026-02',
      1,
      '10.71',
      '10.71',
    ],
    [
      'covers February of a common year but its first day',
      monthly('2026-02-02'),
      '2026-02',
      27,
      '10.71',
      '289.17',
    ],
  ])(
    'prorates a subscription that %s',
    (_, subscription, period, quantity, unitPrice, amount) => {
      const { lines } = planFeeLines(
        standard,
        subscription,
        billingMonth(period),
      );
      expect(written(lines)).toEqual([
        expect.objectContaining({ quantity, unitPrice, amount }),
      ]);
    },
  );

  it('carries 12 annual months in the first month and on each anniversary only', () => {
    const annual = monthly('2026-03-15', undefined, { cycle: 'annual' });
    const fee = (period: string) =>
      written(planFeeLines(standard, annual, billingMonth(period)).lines);
    expect(fee('2026-03')).toEqual([
      {
        kind: 'plan',
        description: 'Standard plan, 12 months billed annually',
        quantity: 12,
        unitPrice: '250.00',
        amount: '3000.00',
      },
    ]);
    expect(fee('2026-04')).toEqual([]);
    expect(fee('2027-02')).toEqual([]);
    expect(fee('2027-03')).toHaveLength(1);
  });

  it('makes the plan fee 0 when pro bono and discounts it when discounted', () => {
    const month = billingMonth('2016-02');
    expect(
      written(
        planFeeLines(
          standard,
          monthly('2016-02-23', undefined, { proBono: 'pro-bono' }),
          month,
        ).lines,
      ),
    ).toEqual([
      {
        kind: 'plan',
        description: 'Standard plan, 7 of 29 days of 2016-02 (pro bono)',
        quantity: 7,
        unitPrice: '0.00',
        amount: '0.00',
      },
    ]);
    const discounted = planFeeLines(
      standard,
      monthly('2016-02-23', undefined, {
        proBono: 'discounted',
        discountPercent: '12.5',
      }),
      month,
    );
    // 12.5% of 72.38 = 9.0475 → 9.05
    expect(written(discounted.lines)[1]).toEqual({
      kind: 'discount',
      description: '12.5% discount on the plan fee',
      quantity: 1,
      unitPrice: undefined,
      amount: '-9.05',
    });
  });

  it('writes no fee line for a by-contract plan', () => {
    expect(
      planFeeLines(
        { ...standard, monthlyFee: null },
        monthly('2016-01-01'),
        billingMonth('2016-02'),
      ).lines,
    ).toEqual([]);
  });
});

describe('extra users', () => {
  const february = billingMonth('2016-02');

  it('holds worked example 3: 18 users, 8 included at 1.00 → 11.00 with a second tenant', () => {
    const advanced = {
      ...standard,
      includedUsers: 8,
      extraUserFee: new Big('1.00'),
    };
    const line = extraUsersLine(advanced, 19, {
      prorated: false,
      days: 29,
      month: february,
    })!;
    expect(line.quantity).toBe(11);
    expect(formatMoney(line.amount)).toBe('11.00');
  });

  it('prorates the unit when the plan fee was prorated', () => {
    // 2.00 × 7 / 29 = 0.4827… → 0.48; 3 extra users → 1.44
    const line = extraUsersLine(standard, 53, {
      prorated: true,
      days: 7,
      month: february,
    })!;
    expect(formatMoney(line.unitPrice!)).toBe('0.48');
    expect(formatMoney(line.amount)).toBe('1.44');
  });

  it('charges nothing within the allowance or for unlimited plans', () => {
    const full = { prorated: false, days: 29, month: february };
    expect(extraUsersLine(standard, 50, full)).toBeUndefined();
    expect(
      extraUsersLine({ ...standard, includedUsers: null }, 5000, full),
    ).toBeUndefined();
  });
});

describe('SMS', () => {
  const fee = (value: string) => new Big(value);

  it('frees the first included parts in order of sending and charges a straddling message pro rata', () => {
    const plan = { ...standard, includedSms: 5 };
    const line = smsLine(plan, [
      // Out of order on purpose: the allowance goes by date sent.
      {
        sentAt: '2026-03-02T10:00:00.000Z',
        parts: 3,
        feePerPart: fee('0.0150'),
      },
      {
        sentAt: '2026-03-01T10:00:00.000Z',
        parts: 4,
        feePerPart: fee('0.0075'),
      },
      {
        sentAt: '2026-03-03T10:00:00.000Z',
        parts: 2,
        feePerPart: fee('0.0100'),
      },
    ])!;
    // First 4 parts free, then 1 of 3 free: 2 × 0.0150 = 0.0300 (the
    // message's 0.0450 × 2/3); then 2 × 0.0100 = 0.0200. 0.05 in all.
    expect(line.quantity).toBe(4);
    expect(formatMoney(line.amount)).toBe('0.05');
  });

  it('rounds once at the end, not per message', () => {
    const line = smsLine({ ...standard, includedSms: 0 }, [
      {
        sentAt: '2026-03-01T00:00:00.000Z',
        parts: 1,
        feePerPart: fee('0.0040'),
      },
      {
        sentAt: '2026-03-01T00:00:01.000Z',
        parts: 1,
        feePerPart: fee('0.0040'),
      },
    ])!;
    // Per message each would round to 0.00; together 0.0080 → 0.01.
    expect(formatMoney(line.amount)).toBe('0.01');
  });

  it('charges nothing within the allowance or for unlimited plans', () => {
    const messages = [
      {
        sentAt: '2026-03-01T00:00:00.000Z',
        parts: 50,
        feePerPart: fee('1.0000'),
      },
    ];
    expect(smsLine(standard, messages)).toBeUndefined();
    expect(
      smsLine({ ...standard, includedSms: null }, messages),
    ).toBeUndefined();
  });
});

describe('subscriptionMonthLines', () => {
  it('sums plan, users and SMS of a part month', () => {
    const { lines, subtotal } = subscriptionMonthLines({
      plan: standard,
      subscription: monthly('2016-02-23'),
      month: billingMonth('2016-02'),
      activeMobileUsers: 53,
      smsMessages: [
        {
          sentAt: '2016-02-24T00:00:00.000Z',
          parts: 51,
          feePerPart: new Big('0.5000'),
        },
      ],
    });
    expect(written(lines).map(line => [line.kind, line.amount])).toEqual([
      ['plan', '72.38'],
      ['users', '1.44'],
      ['sms', '0.50'],
    ]);
    expect(formatMoney(subtotal)).toBe('74.32');
  });

  it('has nothing for a month the subscription does not cover', () => {
    expect(
      subscriptionMonthLines({
        plan: standard,
        subscription: monthly('2016-03-01'),
        month: billingMonth('2016-02'),
        activeMobileUsers: 500,
        smsMessages: [],
      }),
    ).toEqual({ lines: [], subtotal: new Big(0) });
  });
});
