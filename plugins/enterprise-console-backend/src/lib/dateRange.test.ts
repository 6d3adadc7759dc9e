import { InputError } from '@backstage/errors';
import {
  parseTime,
  RANGE_TOO_LONG_MESSAGE,
  resolveDateRange,
} from './dateRange';

const NOW = new Date('2026-11-20T12:34:56.789Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const iso = (range: { from: Date; to: Date }) => ({
  from: range.from.toISOString(),
  to: range.to.toISOString(),
});

describe('resolveDateRange', () => {
  const options = { now: NOW, defaultDays: 30 };

  it('defaults to the last `defaultDays` days ending now', () => {
    expect(iso(resolveDateRange({}, options))).toEqual({
      from: '2026-10-21T12:34:56.789Z',
      to: '2026-11-20T12:34:56.789Z',
    });
    expect(iso(resolveDateRange({}, { now: NOW, defaultDays: 7 }))).toEqual({
      from: '2026-11-13T12:34:56.789Z',
      to: '2026-11-20T12:34:56.789Z',
    });
  });

  it('treats empty strings as absent', () => {
    expect(iso(resolveDateRange({ from: '', to: '' }, options))).toEqual(
      iso(resolveDateRange({}, options)),
    );
  });

  it('counts the default `from` back from a given `to`', () => {
    expect(
      iso(resolveDateRange({ to: '2026-03-01T00:00:00Z' }, options)),
    ).toEqual({
      from: '2026-01-30T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
  });

  it('ends a range with only `from` now', () => {
    expect(
      iso(resolveDateRange({ from: '2026-11-01T00:00:00Z' }, options)),
    ).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-20T12:34:56.789Z',
    });
  });

  it('reads a date as `from` as the start of that UTC day, as `to` as the end', () => {
    expect(
      iso(resolveDateRange({ from: '2026-11-01', to: '2026-11-01' }, options)),
    ).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
    });
  });

  it('reads times with offsets and fractions as absolute times', () => {
    expect(
      iso(
        resolveDateRange(
          {
            from: '2026-11-01T02:00+02:00',
            to: '2026-11-10T23:59:59.123456789-05:30',
          },
          options,
        ),
      ),
    ).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-11T05:29:59.123Z',
    });
  });

  it('accepts an empty range', () => {
    expect(
      iso(
        resolveDateRange(
          { from: '2026-11-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
          options,
        ),
      ),
    ).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
    });
  });

  it('accepts exactly 90 days and refuses anything longer with the message of reports.md', () => {
    const to = '2026-11-20T00:00:00Z';
    expect(
      iso(resolveDateRange({ from: '2026-08-22T00:00:00Z', to }, options)),
    ).toEqual({
      from: '2026-08-22T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
    });
    // 1 January to 31 March (a date, so the whole day) is 90 days.
    expect(
      resolveDateRange({ from: '2026-01-01', to: '2026-03-31' }, options).to,
    ).toEqual(new Date('2026-04-01T00:00:00Z'));

    const tooLong = () =>
      resolveDateRange({ from: '2026-08-21T23:59:59.999Z', to }, options);
    expect(tooLong).toThrow(InputError);
    expect(tooLong).toThrow(
      new InputError('Date ranges longer than 90 days are not supported'),
    );
    expect(RANGE_TOO_LONG_MESSAGE).toBe(
      'Date ranges longer than 90 days are not supported',
    );
    expect(() =>
      resolveDateRange({ from: '2026-01-01', to: '2026-04-01' }, options),
    ).toThrow(RANGE_TOO_LONG_MESSAGE);
    // With only `from`, the range ends now.
    expect(() =>
      resolveDateRange(
        { from: new Date(NOW.getTime() - 90 * DAY_MS - 1).toISOString() },
        options,
      ),
    ).toThrow(RANGE_TOO_LONG_MESSAGE);
  });

  it('takes another limit, with its own number in the message', () => {
    const options366 = { now: NOW, defaultDays: 30, maxDays: 366 };
    expect(
      resolveDateRange({ from: '2025-01-01', to: '2026-01-01' }, options366)
        .from,
    ).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(() =>
      resolveDateRange({ from: '2025-01-01', to: '2026-01-02' }, options366),
    ).toThrow(
      new InputError('Date ranges longer than 366 days are not supported'),
    );
  });

  it('refuses `from` after `to`', () => {
    expect(() =>
      resolveDateRange(
        { from: '2026-11-02T00:00:00.001Z', to: '2026-11-02T00:00:00Z' },
        options,
      ),
    ).toThrow(new InputError('from must not be after to'));
  });

  it('names the fields as the caller calls them', () => {
    const fields = { from: 'filters.messageFrom', to: 'filters.messageTo' };
    expect(() =>
      resolveDateRange({ from: 'soon' }, { ...options, fields }),
    ).toThrow(
      new InputError('filters.messageFrom must be an ISO 8601 date or time'),
    );
    expect(() =>
      resolveDateRange(
        { from: '2026-11-03', to: '2026-11-01' },
        { ...options, fields },
      ),
    ).toThrow(
      new InputError('filters.messageFrom must not be after filters.messageTo'),
    );
  });

  it.each([
    'yesterday',
    '2026-13-01',
    '2026-02-29',
    '2026-02-30T00:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T10:00:00',
    '2026-01-01 10:00:00Z',
    '2026-01-01T10:00:00+25:00',
    '20260101',
    `2026-01-01T00:00:00.${'0'.repeat(30)}Z`,
    "2026-01-01'; DROP TABLE tenants; --",
  ])('refuses %j as a time, naming the field', value => {
    expect(() => resolveDateRange({ to: value }, options)).toThrow(
      new InputError('to must be an ISO 8601 date or time'),
    );
  });

  it.each([5, null, true, {}, ['2026-01-01']])(
    'refuses %j, which is no string',
    value => {
      expect(() => resolveDateRange({ from: value }, options)).toThrow(
        new InputError('from must be an ISO 8601 date or time'),
      );
    },
  );
});

describe('parseTime', () => {
  it('reads a date as the start of its day unless it ends a range', () => {
    expect(parseTime('2028-02-29', 'at')).toEqual(
      new Date('2028-02-29T00:00:00Z'),
    );
    expect(parseTime('2028-02-29', 'at', 'end')).toEqual(
      new Date('2028-03-01T00:00:00Z'),
    );
  });

  it('reads a time the same whichever bound it is', () => {
    expect(parseTime('2026-11-20T12:00:00Z', 'at', 'end')).toEqual(
      new Date('2026-11-20T12:00:00Z'),
    );
  });
});

describe('parseTime bounds', () => {
  it.each([
    ['1899-12-31', 'start'],
    ['0000-01-01', 'start'],
    ['9999-12-31', 'start'],
    ['2999-12-31T23:59:59-01:00', 'start'],
    ['3000-01-01', 'end'],
  ] as const)(
    'refuses %s (as a %s), outside the years ingestion accepts',
    (value, bound) => {
      expect(() => parseTime(value, 'from', bound)).toThrow(
        new InputError('from must be between the years 1900 and 2999'),
      );
    },
  );

  it('takes the first and last instants of those years', () => {
    expect(parseTime('1900-01-01', 'from')).toEqual(
      new Date('1900-01-01T00:00:00Z'),
    );
    expect(parseTime('2999-12-31T23:59:59.999Z', 'to', 'end')).toEqual(
      new Date('2999-12-31T23:59:59.999Z'),
    );
    // The whole last day, though its end is the first instant of 3000.
    expect(parseTime('2999-12-31', 'to', 'end')).toEqual(
      new Date('3000-01-01T00:00:00Z'),
    );
  });
});
