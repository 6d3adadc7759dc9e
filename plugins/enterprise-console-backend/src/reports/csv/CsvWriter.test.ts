import { ReportColumn } from '@internal/plugin-enterprise-console-common';
import {
  CsvWriter,
  formatCell,
  formatTenThousandths,
  formatUtcTime,
  neutralise,
  reportFileName,
} from './CsvWriter';

const COLUMNS: ReportColumn[] = [
  { header: 'Name', kind: 'text' },
  { header: 'When [UTC]', kind: 'time' },
  { header: 'Count', kind: 'count' },
  { header: 'Amount', kind: 'money' },
  { header: 'Charge', kind: 'money4' },
  { header: 'Valid', kind: 'boolean' },
];

/**
 * The rules of reports.md and RFC 4180, stated here on their own (no
 * product code, no CSV library): text starting with = + - @ TAB or CR gets
 * a leading apostrophe; a field holding a quote, CR, LF, a byte-order mark
 * or the delimiter, or starting or ending with a space, is quoted, its
 * quotes doubled.
 */
function byTheRules(field: string, delimiter: string): string {
  const text = ['=', '+', '-', '@', '\t', '\r'].includes(field.charAt(0))
    ? `'${field}`
    : field;
  const mustQuote =
    ['"', '\r', '\n', '\ufeff', delimiter].some(c => text.includes(c)) ||
    text.startsWith(' ') ||
    text.endsWith(' ');
  return mustQuote ? `"${text.split('"').join('""')}"` : text;
}

describe('CsvWriter', () => {
  it('starts with a byte-order mark and the header row, ending in CRLF', () => {
    expect(new CsvWriter(COLUMNS, ',').header()).toBe(
      '\ufeffName,When [UTC],Count,Amount,Charge,Valid\r\n',
    );
    expect(new CsvWriter(COLUMNS, '|').header()).toBe(
      '\ufeffName|When [UTC]|Count|Amount|Charge|Valid\r\n',
    );
  });

  it('writes rows with the delimiter, each ending in CRLF', () => {
    const rows = [
      ['a', new Date('2026-11-20T12:34:56.789Z'), 3, 12345, 75, true],
      [null, undefined, 0, 0, 0, false],
    ];
    expect(new CsvWriter(COLUMNS, ',').rows(rows)).toBe(
      'a,2026-11-20 12:34:56,3,1.23,0.0075,Yes\r\n,,0,0.00,0.0000,No\r\n',
    );
    expect(new CsvWriter(COLUMNS, '|').rows(rows)).toBe(
      'a|2026-11-20 12:34:56|3|1.23|0.0075|Yes\r\n||0|0.00|0.0000|No\r\n',
    );
  });

  it('writes nothing for no rows', () => {
    expect(new CsvWriter(COLUMNS, ',').rows([])).toBe('');
  });

  it('writes a file whose parts concatenate: header, then batches', () => {
    const writer = new CsvWriter([{ header: 'N', kind: 'count' }], ',');
    expect(writer.header() + writer.rows([[1], [2]]) + writer.rows([[3]])).toBe(
      '\ufeffN\r\n1\r\n2\r\n3\r\n',
    );
  });

  describe('quoting', () => {
    const cell = (value: string, delimiter: ',' | '|') =>
      new CsvWriter([{ header: 'T', kind: 'text' }], delimiter).rows([[value]]);

    it.each([
      ['a,b', ',', '"a,b"\r\n'],
      ['a|b', ',', 'a|b\r\n'],
      ['a|b', '|', '"a|b"\r\n'],
      ['a,b', '|', 'a,b\r\n'],
      ['say "hi"', ',', '"say ""hi"""\r\n'],
      ['say "hi"', '|', '"say ""hi"""\r\n'],
      ['two\nlines', ',', '"two\nlines"\r\n'],
      ['two\r\nlines', '|', '"two\r\nlines"\r\n'],
      ['carriage\rreturn', ',', '"carriage\rreturn"\r\n'],
      ['plain text', ',', 'plain text\r\n'],
      ['tab\tinside', ',', 'tab\tinside\r\n'],
      ['Ünïcødé ✓ 😀', '|', 'Ünïcødé ✓ 😀\r\n'],
      [' leading space', ',', '" leading space"\r\n'],
      ['trailing space ', '|', '"trailing space "\r\n'],
      ['inner space', '|', 'inner space\r\n'],
      ['byte\ufefforder mark', ',', '"byte\ufefforder mark"\r\n'],
    ] as const)('writes %j with %p as %j', (value, delimiter, expected) => {
      expect(cell(value, delimiter)).toBe(expected);
    });

    it('quotes a field only where it must', () => {
      expect(
        new CsvWriter(
          [
            { header: 'A', kind: 'text' },
            { header: 'B', kind: 'text' },
            { header: 'C', kind: 'text' },
          ],
          ',',
        ).rows([['x', 'y,"z"', 'w']]),
      ).toBe('x,"y,""z""",w\r\n');
    });

    it.each([',', '|'] as const)(
      'writes every field by the quoting and neutralisation rules, with %p',
      delimiter => {
        // Fields made of the characters quoting depends on, in every
        // position, at lengths 0 to 3.
        const alphabet = ['a', ' ', '"', ',', '|', '\r', '\n', '\ufeff', '\t'];
        const fields = [''];
        for (let length = 1; length <= 3; length++) {
          for (const field of fields.filter(f => f.length === length - 1)) {
            fields.push(...alphabet.map(char => `${field}${char}`));
          }
        }
        const columns: ReportColumn[] = [
          { header: 'A', kind: 'count' },
          { header: 'B', kind: 'text' },
          { header: 'C', kind: 'count' },
        ];
        const rows = fields.map(field => [1, field, 2]);
        const expected = fields
          .map(
            field =>
              `1${delimiter}${byTheRules(field, delimiter)}${delimiter}2\r\n`,
          )
          .join('');
        expect(new CsvWriter(columns, delimiter).rows(rows)).toBe(expected);
      },
    );

    it.each([
      ['=1+2', ',', `'=1+2\r\n`],
      ['@SUM(A1)', '|', `'@SUM(A1)\r\n`],
      ['-5 apples', ',', `'-5 apples\r\n`],
      ['+a,b', ',', `"'+a,b"\r\n`],
      ['+a,b', '|', `'+a,b\r\n`],
      ['=a|b', '|', `"'=a|b"\r\n`],
      ['\tx', ',', `'\tx\r\n`],
      ['\n=x', ',', `"\n=x"\r\n`],
      ['= ', ',', `"'= "\r\n`],
      [' =', '|', `" ="\r\n`],
      ['"=x"', ',', `"""=x"""\r\n`],
      ['', ',', '\r\n'],
    ] as const)(
      'writes %j with %p as the bytes %j',
      (value, delimiter, expected) => {
        expect(cell(value, delimiter)).toBe(expected);
      },
    );

    it('quotes a neutralised cell that also holds a quote character', () => {
      expect(cell('=HYPERLINK("http://x")', ',')).toBe(
        `"'=HYPERLINK(""http://x"")"\r\n`,
      );
      expect(cell('\rx', '|')).toBe(`"'\rx"\r\n`);
    });
  });

  describe('formula neutralisation', () => {
    it.each(['=', '+', '-', '@', '\t', '\r'])(
      'prefixes text starting with %j',
      start => {
        expect(formatCell('text', `${start}1+2`)).toBe(`'${start}1+2`);
      },
    );

    it('leaves text alone that only contains those characters later', () => {
      expect(formatCell('text', 'a=1+2-3@4\t\r')).toBe('a=1+2-3@4\t\r');
      expect(formatCell('text', ' =1')).toBe(' =1');
      expect(neutralise("'=1")).toBe("'=1");
    });

    it('never prefixes numbers, money or counts, negative ones included', () => {
      expect(formatCell('count', -5)).toBe('-5');
      expect(formatCell('count', -5n)).toBe('-5');
      expect(formatCell('money', -12345)).toBe('-1.23');
      expect(formatCell('money4', -75n)).toBe('-0.0075');
      // PostgreSQL hands bigint and count columns over as strings.
      expect(formatCell('count', '-5')).toBe('-5');
      expect(formatCell('money', '-12345')).toBe('-1.23');
      expect(formatCell('money4', '-75')).toBe('-0.0075');
      // A number in a text column is still a number.
      expect(formatCell('text', -5)).toBe('-5');
      expect(formatCell('text', -5n)).toBe('-5');
    });

    it('treats a message in a numeric column as text', () => {
      expect(
        formatCell('count', 'ERROR: Too many feeds. Please contact support'),
      ).toBe('ERROR: Too many feeds. Please contact support');
      expect(formatCell('count', '=1+1')).toBe("'=1+1");
    });

    it('writes the whole row neutralised and quoted', () => {
      expect(
        new CsvWriter(COLUMNS, ',').rows([['-1, minus', 0, -1, -1, -1, false]]),
      ).toBe(`"'-1, minus",1970-01-01 00:00:00,-1,0.00,-0.0001,No\r\n`);
    });
  });

  describe('cell formats', () => {
    it('writes every time as YYYY-MM-DD HH:mm:ss in UTC, whatever its shape', () => {
      expect(formatCell('time', new Date('2026-11-20T12:34:56.999Z'))).toBe(
        '2026-11-20 12:34:56',
      );
      // epoch milliseconds, as SQLite returns timestamps
      expect(formatCell('time', Date.UTC(2026, 0, 2, 3, 4, 5))).toBe(
        '2026-01-02 03:04:05',
      );
      // ISO strings with an offset
      expect(formatCell('time', '2026-11-19T07:00:00+02:00')).toBe(
        '2026-11-19 05:00:00',
      );
      expect(formatUtcTime('2026-12-31T23:59:59.999-00:30')).toBe(
        '2027-01-01 00:29:59',
      );
    });

    it.each([
      [-1, '1969-12-31 23:59:59'],
      [-1000, '1969-12-31 23:59:59'],
      [-1001, '1969-12-31 23:59:58'],
      [86_399_999, '1970-01-01 23:59:59'],
      [86_400_000, '1970-01-02 00:00:00'],
      [Date.UTC(2024, 1, 29, 23, 0, 0), '2024-02-29 23:00:00'],
      [-62_167_219_200_000, '0000-01-01 00:00:00'],
      [Date.UTC(9999, 11, 31, 23, 59, 59, 999), '9999-12-31 23:59:59'],
      // Six-digit years: as toISOString writes them, cut after 19 characters.
      [Date.UTC(10000, 0, 1, 12), '+010000-01-01 12:00'],
      [Date.UTC(-1, 11, 31, 12), '-000001-12-31 12:00'],
    ])(
      'formats %p at day and year edges as toISOString would (%p)',
      (ms, text) => {
        expect(formatUtcTime(ms)).toBe(text);
        expect(formatUtcTime(new Date(ms))).toBe(text);
      },
    );

    it('refuses a value that is no time', () => {
      expect(() => formatUtcTime('yesterday')).toThrow(TypeError);
      expect(() => formatCell('time', new Date(Number.NaN))).toThrow(TypeError);
    });

    it.each([
      [0, '0.00', '0.0000'],
      [1, '0.00', '0.0001'],
      [49, '0.00', '0.0049'],
      [50, '0.01', '0.0050'],
      [75, '0.01', '0.0075'],
      [149, '0.01', '0.0149'],
      [150, '0.02', '0.0150'],
      [12345, '1.23', '1.2345'],
      [12350, '1.24', '1.2350'],
      [99995, '10.00', '9.9995'],
      [100000, '10.00', '10.0000'],
      [-49, '0.00', '-0.0049'],
      [-50, '-0.01', '-0.0050'],
      [-12350, '-1.24', '-1.2350'],
      [9_007_199_254_740_991, '900719925474.10', '900719925474.0991'],
    ])(
      'writes %p ten-thousandths as %p (2 places) and %p (4 places)',
      (value, two, four) => {
        expect(formatCell('money', value)).toBe(two);
        expect(formatCell('money4', value)).toBe(four);
      },
    );

    it('writes money past 2^53 exactly', () => {
      expect(formatTenThousandths(123456789012345678901234n, 4)).toBe(
        '12345678901234567890.1234',
      );
      expect(formatTenThousandths(123456789012345678901250n, 2)).toBe(
        '12345678901234567890.13',
      );
      expect(formatTenThousandths(-123456789012345678901249n, 2)).toBe(
        '-12345678901234567890.12',
      );
    });

    it('writes counts as integers', () => {
      expect(formatCell('count', 0)).toBe('0');
      expect(formatCell('count', 1234567)).toBe('1234567');
      expect(formatCell('count', 9_007_199_254_741_001n)).toBe(
        '9007199254741001',
      );
      expect(formatCell('count', '9007199254741001')).toBe('9007199254741001');
    });

    it('writes booleans as Yes / No, as either database returns them', () => {
      expect(formatCell('boolean', true)).toBe('Yes');
      expect(formatCell('boolean', false)).toBe('No');
      expect(formatCell('boolean', 1)).toBe('Yes');
      expect(formatCell('boolean', 0)).toBe('No');
    });

    it.each(['text', 'time', 'count', 'money', 'money4', 'boolean'] as const)(
      'writes a missing %s value as an empty cell',
      kind => {
        expect(formatCell(kind, null)).toBe('');
        expect(formatCell(kind, undefined)).toBe('');
        expect(formatCell(kind, '')).toBe('');
      },
    );
  });

  describe('reportFileName', () => {
    it('is "<Account name> (<Report title>) <YYYYMMDD HHmmss>.csv" in UTC', () => {
      expect(
        reportFileName(
          'Acme Health, "Enterprise"',
          'Mobile Form Submissions',
          new Date('2026-01-02T03:04:05.999Z'),
        ),
      ).toBe(
        'Acme Health, "Enterprise" (Mobile Form Submissions) 20260102 030405.csv',
      );
    });

    it('replaces path separators and control characters in the account name', () => {
      expect(
        reportFileName(
          'A/B\\C\nD\u007f',
          'SMS Detailed Report',
          new Date('2026-11-20T23:59:59Z'),
        ),
      ).toBe('A_B_C_D_ (SMS Detailed Report) 20261120 235959.csv');
    });
  });
});
