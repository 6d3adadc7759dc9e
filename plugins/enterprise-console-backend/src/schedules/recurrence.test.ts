import {
  latestOccurrence,
  nextOccurrence,
  Recurrence,
  isKnownTimeZone,
} from './recurrence';

const at = (iso: string) => new Date(iso);
const next = (recurrence: Recurrence, after: string) =>
  nextOccurrence(recurrence, at(after)).toISOString();

/** The next `count` occurrences after `after`. */
function series(recurrence: Recurrence, after: string, count: number) {
  const result: string[] = [];
  let cursor = at(after);
  for (let i = 0; i < count; i++) {
    cursor = nextOccurrence(recurrence, cursor);
    result.push(cursor.toISOString());
  }
  return result;
}

describe('nextOccurrence', () => {
  describe('America/New_York', () => {
    const daily = (time: string): Recurrence => ({
      recurrence: 'daily',
      time,
      timezone: 'America/New_York',
    });

    it('runs a time in the spring-forward gap at the first instant after it (03:00 EDT)', () => {
      // 2026-03-08: 02:00 EST becomes 03:00 EDT; 02:30 does not exist.
      expect(series(daily('02:30'), '2026-03-06T12:00:00Z', 3)).toEqual([
        '2026-03-07T07:30:00.000Z', // 02:30 EST
        '2026-03-08T07:00:00.000Z', // 03:00 EDT, the end of the gap
        '2026-03-09T06:30:00.000Z', // 02:30 EDT
      ]);
      // 02:00 itself is in the gap too; 03:00 exists.
      expect(next(daily('02:00'), '2026-03-08T05:00:00Z')).toBe(
        '2026-03-08T07:00:00.000Z',
      );
      expect(next(daily('03:00'), '2026-03-08T05:00:00Z')).toBe(
        '2026-03-08T07:00:00.000Z',
      );
    });

    it('runs an ambiguous fall-back time once, at its first occurrence (EDT)', () => {
      // 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
      expect(series(daily('01:30'), '2026-10-31T12:00:00Z', 3)).toEqual([
        '2026-11-01T05:30:00.000Z', // 01:30 EDT, the first one
        '2026-11-02T06:30:00.000Z', // 01:30 EST
        '2026-11-03T06:30:00.000Z',
      ]);
      // Just after the first 01:30: the second one is not an occurrence.
      expect(next(daily('01:30'), '2026-11-01T05:30:00Z')).toBe(
        '2026-11-02T06:30:00.000Z',
      );
    });
  });

  describe('Europe/Berlin', () => {
    const daily = (time: string): Recurrence => ({
      recurrence: 'daily',
      time,
      timezone: 'Europe/Berlin',
    });

    it('runs a time in the spring-forward gap at 03:00 CEST', () => {
      // 2026-03-29: 02:00 CET becomes 03:00 CEST.
      expect(series(daily('02:15'), '2026-03-28T00:00:00Z', 3)).toEqual([
        '2026-03-28T01:15:00.000Z', // 02:15 CET
        '2026-03-29T01:00:00.000Z', // 03:00 CEST
        '2026-03-30T00:15:00.000Z', // 02:15 CEST
      ]);
    });

    it('runs an ambiguous fall-back time once, at its first occurrence (CEST)', () => {
      // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
      expect(series(daily('02:30'), '2026-10-24T12:00:00Z', 2)).toEqual([
        '2026-10-25T00:30:00.000Z', // 02:30 CEST
        '2026-10-26T01:30:00.000Z', // 02:30 CET
      ]);
      expect(next(daily('02:30'), '2026-10-25T00:30:00Z')).toBe(
        '2026-10-26T01:30:00.000Z',
      );
    });
  });

  describe('monthly', () => {
    it('runs on day 28 of every month, February included', () => {
      expect(
        series(
          {
            recurrence: 'monthly',
            dayOfMonth: 28,
            time: '06:00',
            timezone: 'UTC',
          },
          '2026-12-28T06:00:00Z',
          4,
        ),
      ).toEqual([
        '2027-01-28T06:00:00.000Z',
        '2027-02-28T06:00:00.000Z',
        '2027-03-28T06:00:00.000Z',
        '2027-04-28T06:00:00.000Z',
      ]);
    });

    it('crosses month ends and the year end without skipping or repeating a month', () => {
      const first = {
        recurrence: 'monthly' as const,
        dayOfMonth: 1,
        time: '00:00',
        timezone: 'UTC',
      };
      // Asked on the last instant of a month: the 1st is the next instant.
      expect(next(first, '2026-01-31T23:59:59Z')).toBe(
        '2026-02-01T00:00:00.000Z',
      );
      expect(next(first, '2026-12-31T23:59:00Z')).toBe(
        '2027-01-01T00:00:00.000Z',
      );
      expect(series(first, '2028-02-29T12:00:00Z', 2)).toEqual([
        '2028-03-01T00:00:00.000Z',
        '2028-04-01T00:00:00.000Z',
      ]);
    });

    it('reads the day of month in the schedule’s zone, not UTC', () => {
      // 1 March 00:30 in Tokyo is still 28 February in UTC.
      expect(
        next(
          {
            recurrence: 'monthly',
            dayOfMonth: 1,
            time: '00:30',
            timezone: 'Asia/Tokyo',
          },
          '2027-02-20T00:00:00Z',
        ),
      ).toBe('2027-02-28T15:30:00.000Z');
    });
  });

  describe('weekly', () => {
    it('crosses the year boundary on the same weekday', () => {
      // 2026-12-28 and 2027-01-04 are Mondays.
      expect(
        series(
          {
            recurrence: 'weekly',
            dayOfWeek: 'monday',
            time: '09:00',
            timezone: 'UTC',
          },
          '2026-12-22T00:00:00Z',
          3,
        ),
      ).toEqual([
        '2026-12-28T09:00:00.000Z',
        '2027-01-04T09:00:00.000Z',
        '2027-01-11T09:00:00.000Z',
      ]);
    });

    it('runs the same day later when the time has not passed yet, else a week later', () => {
      const friday = {
        recurrence: 'weekly' as const,
        dayOfWeek: 'friday' as const,
        time: '17:00',
        timezone: 'UTC',
      };
      // 2027-01-01 is a Friday.
      expect(next(friday, '2027-01-01T16:59:00Z')).toBe(
        '2027-01-01T17:00:00.000Z',
      );
      expect(next(friday, '2027-01-01T17:00:00Z')).toBe(
        '2027-01-08T17:00:00.000Z',
      );
    });
  });

  describe('zones east and west of UTC', () => {
    it('east (Asia/Kolkata, +05:30): a Monday 02:00 local is Sunday in UTC', () => {
      expect(
        next(
          {
            recurrence: 'weekly',
            dayOfWeek: 'monday',
            time: '02:00',
            timezone: 'Asia/Kolkata',
          },
          '2027-01-01T00:00:00Z',
        ),
      ).toBe('2027-01-03T20:30:00.000Z');
    });

    it('east (Pacific/Auckland, +13:00 in summer): the daily run is the previous UTC day', () => {
      expect(
        series(
          { recurrence: 'daily', time: '06:00', timezone: 'Pacific/Auckland' },
          '2027-01-10T00:00:00Z',
          2,
        ),
      ).toEqual(['2027-01-10T17:00:00.000Z', '2027-01-11T17:00:00.000Z']);
    });

    it('west (America/Los_Angeles, -08:00): 22:00 local is 06:00 UTC the next day', () => {
      expect(
        next(
          {
            recurrence: 'monthly',
            dayOfMonth: 28,
            time: '22:00',
            timezone: 'America/Los_Angeles',
          },
          '2027-02-01T00:00:00Z',
        ),
      ).toBe('2027-03-01T06:00:00.000Z');
    });

    it('west (Pacific/Honolulu, -10:00, no DST)', () => {
      expect(
        next(
          { recurrence: 'daily', time: '20:00', timezone: 'Pacific/Honolulu' },
          '2027-07-01T05:00:00Z',
        ),
      ).toBe('2027-07-01T06:00:00.000Z');
    });
  });
});

describe('latestOccurrence', () => {
  it('is the last occurrence at or before the instant', () => {
    const daily: Recurrence = {
      recurrence: 'daily',
      time: '06:00',
      timezone: 'UTC',
    };
    expect(
      latestOccurrence(daily, at('2027-01-05T06:00:00Z')).toISOString(),
    ).toBe('2027-01-05T06:00:00.000Z');
    expect(
      latestOccurrence(daily, at('2027-01-05T05:59:59Z')).toISOString(),
    ).toBe('2027-01-04T06:00:00.000Z');
  });

  it('agrees with nextOccurrence across a gap and an overlap', () => {
    const recurrence: Recurrence = {
      recurrence: 'daily',
      time: '02:30',
      timezone: 'America/New_York',
    };
    expect(
      latestOccurrence(recurrence, at('2026-03-08T12:00:00Z')).toISOString(),
    ).toBe('2026-03-08T07:00:00.000Z');
    const overlap = { ...recurrence, time: '01:30' };
    // After both 01:30s of 1 November: still the first one.
    expect(
      latestOccurrence(overlap, at('2026-11-01T07:00:00Z')).toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
  });

  it('finds the last monthly occurrence months back', () => {
    expect(
      latestOccurrence(
        {
          recurrence: 'monthly',
          dayOfMonth: 28,
          time: '06:00',
          timezone: 'Europe/Berlin',
        },
        at('2027-03-27T00:00:00Z'),
      ).toISOString(),
    ).toBe('2027-02-28T05:00:00.000Z');
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
