/* eslint-disable jest/no-export -- shared test cases, not a test file */
import { CsvDelimiter } from '@internal/plugin-enterprise-console-common';
import { ReportContext, ReportDefinition } from '../reports/ReportDefinition';
import { renderReport } from './renderReport';

/**
 * The tests every report has: the exact file for each delimiter, and the
 * same bytes whatever the batch size. Call inside a describe, with the
 * context of the fixture as that report wants it.
 */
export function itWritesExactFiles(options: {
  definition: ReportDefinition;
  context: (overrides: { batchSize?: number }) => Promise<ReportContext>;
  files: Record<CsvDelimiter, string>;
  batchSizes: number[];
}) {
  const { definition, context, files } = options;
  it.each([
    [',', files[',']],
    ['|', files['|']],
  ] as const)('writes the fixture with %p', async (delimiter, expected) => {
    expect(await renderReport(definition, await context({}), delimiter)).toBe(
      expected,
    );
  });

  it.each(options.batchSizes)(
    'gives the same bytes with batches of %p',
    async batchSize => {
      expect(
        await renderReport(definition, await context({ batchSize }), ','),
      ).toBe(files[',']);
    },
  );
}
