import {
  changeTiming,
  ChangingSubscription,
  endTiming,
  hasMinimumCommitment,
  isUpgrade,
  subscriptionDay,
} from './changeTiming';

const community = { edition: 'community', monthlyFee: '0.00' };
const standard = { edition: 'standard', monthlyFee: '300.00' };
const pro = { edition: 'pro', monthlyFee: '600.00' };
const enterprise = { edition: 'enterprise', monthlyFee: null };

const onPro = (
  more: Partial<ChangingSubscription> = {},
): ChangingSubscription => ({
  startDate: '2026-01-10',
  plan: pro,
  serviceType: 'product',
  proBono: 'full-price',
  ...more,
});

describe('subscriptionDay', () => {
  it('counts the start as day 1, across month ends', () => {
    expect(subscriptionDay('2026-01-10', '2026-01-10')).toBe(1);
    expect(subscriptionDay('2026-01-10', '2026-02-08')).toBe(30);
    expect(subscriptionDay('2026-01-10', '2026-02-09')).toBe(31);
    expect(subscriptionDay('2026-02-15', '2026-03-16')).toBe(30); // 28-day February
  });
});

describe('a downgrade and the 30-day minimum', () => {
  it.each([
    ['day 29', '2026-02-07', true],
    ['day 30', '2026-02-08', true],
    ['day 31', '2026-02-09', false],
  ])('on %s (%s) is scheduled: %p', (_day, requestedOn, scheduled) => {
    const timing = changeTiming(onPro(), standard, requestedOn);
    expect(timing).toEqual(
      scheduled
        ? {
            direction: 'downgrade',
            effectiveDate: '2026-02-09',
            scheduled: true,
            reason: `Day ${subscriptionDay(
              '2026-01-10',
              requestedOn,
            )} of a paid plan's 30-day minimum commitment: the change takes effect on 2026-02-09`,
          }
        : {
            direction: 'downgrade',
            effectiveDate: '2026-02-09',
            scheduled: false,
          },
    );
  });

  it('does not bind trials, pro bono subscriptions or free plans', () => {
    expect(
      changeTiming(onPro({ serviceType: 'trial' }), community, '2026-01-11'),
    ).toEqual({
      direction: 'downgrade',
      effectiveDate: '2026-01-11',
      scheduled: false,
    });
    expect(hasMinimumCommitment(onPro({ proBono: 'pro-bono' }))).toBe(false);
    expect(hasMinimumCommitment(onPro({ plan: community }))).toBe(false);
    expect(hasMinimumCommitment(onPro({ plan: enterprise }))).toBe(true);
    expect(hasMinimumCommitment(onPro({ proBono: 'discounted' }))).toBe(true);
  });

  it('applies to ending a subscription the same way', () => {
    expect(endTiming(onPro(), '2026-02-08')).toMatchObject({
      effectiveDate: '2026-02-09',
      scheduled: true,
    });
    expect(endTiming(onPro(), '2026-02-09')).toEqual({
      direction: 'downgrade',
      effectiveDate: '2026-02-09',
      scheduled: false,
    });
  });
});

describe('an upgrade', () => {
  it.each([
    ['the first day of a month', '2026-03-01'],
    ['the last day of a month', '2026-03-31'],
    ['day 2 of the subscription', '2026-01-11'],
  ])('is immediate on %s', (_when, requestedOn) => {
    expect(changeTiming(onPro(), enterprise, requestedOn)).toEqual({
      direction: 'upgrade',
      effectiveDate: requestedOn,
      scheduled: false,
    });
  });

  it('goes by edition first, then by price; by contract ranks highest', () => {
    expect(isUpgrade(standard, pro)).toBe(true);
    expect(isUpgrade(pro, standard)).toBe(false);
    // A cheaper plan of a higher edition is still an upgrade.
    expect(isUpgrade(standard, { edition: 'pro', monthlyFee: '100.00' })).toBe(
      true,
    );
    expect(
      isUpgrade(standard, { edition: 'standard', monthlyFee: '320.00' }),
    ).toBe(true);
    expect(
      isUpgrade(standard, { edition: 'custom', monthlyFee: '300.00' }),
    ).toBe(false);
    expect(
      isUpgrade({ edition: 'custom', monthlyFee: '10.00' }, enterprise),
    ).toBe(true);
    expect(isUpgrade(enterprise, { edition: 'custom', monthlyFee: null })).toBe(
      false,
    );
  });
});
