import { applyCredits, AvailableCredit, ChargedLine } from './applyCredits';

const plan = (cents: number): ChargedLine => ({
  kind: 'plan',
  amountCents: BigInt(cents),
});
const users = (cents: number): ChargedLine => ({
  kind: 'users',
  amountCents: BigInt(cents),
});
const sms = (cents: number): ChargedLine => ({
  kind: 'sms',
  amountCents: BigInt(cents),
});
const discount = (cents: number): ChargedLine => ({
  kind: 'discount',
  amountCents: BigInt(cents),
});
const credit = (
  lineId: string,
  scope: AvailableCredit['scope'],
  level: AvailableCredit['level'],
  cents: number,
): AvailableCredit => ({ lineId, scope, level, balanceCents: BigInt(cents) });

/** The result with plain numbers, for readable expectations. */
function applied(lines: ChargedLine[], credits: AvailableCredit[]) {
  const result = applyCredits(lines, credits);
  return {
    lines: result.lineCents.map(Number),
    general: Number(result.generalCents),
    total: Number(result.totalCents),
    uses: result.uses.map(use => [use.lineId, Number(use.amountCents)]),
  };
}

describe('applyCredits', () => {
  it.each<
    [string, ChargedLine[], AvailableCredit[], ReturnType<typeof applied>]
  >([
    [
      'worked example 3: a 1.00 account-level users credit',
      [plan(120000), users(1100)],
      [credit('a-users', 'users', 'account', 100)],
      { lines: [0, 100], general: 0, total: 100, uses: [['a-users', 100]] },
    ],
    [
      'worked example 3: a 2.00 users credit on the subscription',
      [plan(120000), users(1100)],
      [credit('s-users', 'users', 'subscription', 200)],
      { lines: [0, 200], general: 0, total: 200, uses: [['s-users', 200]] },
    ],
    [
      'subscription level before account level, whatever the given order',
      [users(1100)],
      [
        credit('a-users', 'users', 'account', 1000),
        credit('s-users', 'users', 'subscription', 300),
      ],
      {
        lines: [1100],
        general: 0,
        total: 1100,
        uses: [
          ['s-users', 300],
          ['a-users', 800],
        ],
      },
    ],
    [
      'a scope pays only its own line kind',
      [plan(30000), users(500), sms(23)],
      [
        credit('s-sms', 'sms', 'subscription', 10),
        credit('a-plan', 'plan', 'account', 1000),
      ],
      {
        lines: [1000, 0, 10],
        general: 0,
        total: 1010,
        uses: [
          ['a-plan', 1000],
          ['s-sms', 10],
        ],
      },
    ],
    [
      'scoped first, then general (subscription, then account) on the rest',
      [plan(10000), users(500)],
      [
        credit('a-general', 'general', 'account', 100000),
        credit('s-general', 'general', 'subscription', 2000),
        credit('a-users', 'users', 'account', 200),
      ],
      {
        lines: [0, 200],
        general: 10300,
        total: 10500,
        uses: [
          ['a-users', 200],
          ['s-general', 2000],
          ['a-general', 8300],
        ],
      },
    ],
    [
      'never below zero: a line takes at most its amount',
      [users(1100)],
      [credit('a-users', 'users', 'account', 5000)],
      { lines: [1100], general: 0, total: 1100, uses: [['a-users', 1100]] },
    ],
    [
      'a discount line takes none, and lowers what the invoice can take',
      [plan(30000), discount(-15000)],
      [credit('a-plan', 'plan', 'account', 30000)],
      {
        lines: [15000, 0],
        general: 0,
        total: 15000,
        uses: [['a-plan', 15000]],
      },
    ],
    [
      'a zero invoice takes nothing',
      [plan(0)],
      [
        credit('a-plan', 'plan', 'account', 100),
        credit('a-general', 'general', 'account', 100),
      ],
      { lines: [0], general: 0, total: 0, uses: [] },
    ],
    [
      'a line with no credit of its scope is left for general credits',
      [plan(1000), sms(50)],
      [credit('a-general', 'general', 'account', 30)],
      { lines: [0, 0], general: 30, total: 30, uses: [['a-general', 30]] },
    ],
    [
      'several subscription-level lines of a statement in the order given',
      [users(300)],
      [
        credit('main-users', 'users', 'subscription', 200),
        credit('second-users', 'users', 'subscription', 200),
      ],
      {
        lines: [300],
        general: 0,
        total: 300,
        uses: [
          ['main-users', 200],
          ['second-users', 100],
        ],
      },
    ],
  ])('%s', (_name, lines, credits, expected) => {
    expect(applied(lines, credits)).toEqual(expected);
  });

  it('keeps every line and the invoice at or above zero for any amounts', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const kinds = ['plan', 'users', 'sms'] as const;
    const scopes = ['plan', 'users', 'sms', 'general'] as const;
    for (let i = 0; i < 500; i++) {
      const lines: ChargedLine[] = Array.from(
        { length: 1 + random(4) },
        () => ({
          kind: kinds[random(3)],
          amountCents: BigInt(random(50000)),
        }),
      );
      if (random(3) === 0) {
        lines.push(discount(-random(Number(lines[0].amountCents) + 1)));
      }
      const credits = Array.from({ length: random(5) }, (_, n) =>
        credit(
          `c${n}`,
          scopes[random(4)],
          random(2) ? 'account' : 'subscription',
          random(60000),
        ),
      );
      const result = applyCredits(lines, credits);
      const subtotal = lines.reduce((sum, line) => sum + line.amountCents, 0n);
      expect(result.totalCents <= subtotal).toBe(true);
      lines.forEach((line, index) => {
        const cents = result.lineCents[index];
        expect(cents >= 0n).toBe(true);
        expect(
          line.kind === 'discount' ? cents === 0n : cents <= line.amountCents,
        ).toBe(true);
      });
      for (const use of result.uses) {
        const from = credits.find(c => c.lineId === use.lineId)!;
        expect(
          use.amountCents > 0n && use.amountCents <= from.balanceCents,
        ).toBe(true);
      }
      expect(result.uses.reduce((sum, use) => sum + use.amountCents, 0n)).toBe(
        result.totalCents,
      );
    }
  });
});
