import { ReportRunParameters } from '@internal/plugin-enterprise-console-common';
import { ReportRow } from '../../csv/CsvWriter';
import { resolveDateRange } from '../../../lib/dateRange';
import { ReportDefinition } from '../../ReportDefinition';

/*
 * Small stand-ins for the real reports, all of type project-spaces (nine
 * columns: time, four counts, time, three texts).
 */

/** Row `i` of the synthetic reports. */
export function syntheticRow(i: number): ReportRow {
  return [
    new Date(Date.UTC(2026, 0, 1, 0, i % 60, i % 60)),
    i,
    2,
    3,
    4,
    null,
    `space-${i}`,
    i % 2 ? `Name, ${i}` : `=cmd ${i}`,
    'https://example.com/x',
  ];
}

export function syntheticRows(count: number): ReportRow[] {
  return Array.from({ length: count }, (_, i) => syntheticRow(i));
}

/** Checks from/to like the real range reports: at most 90 days. */
async function resolveRange(
  request: ReportRunParameters,
  context: { now: Date },
): Promise<ReportRunParameters> {
  const range = resolveDateRange(request, {
    now: context.now,
    defaultDays: 30,
  });
  return { from: range.from.toISOString(), to: range.to.toISOString() };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** `rows` rows in batches of `batchSize`, optionally pausing between batches. */
export function countingDefinition(options: {
  rows: number;
  batchSize?: number;
  delayMs?: number;
}): ReportDefinition {
  const batchSize = options.batchSize ?? 10;
  return {
    type: 'project-spaces',
    resolveParameters: resolveRange,
    async *rows() {
      for (let start = 0; start < options.rows; start += batchSize) {
        if (options.delayMs) {
          await sleep(options.delayMs);
        }
        const end = Math.min(start + batchSize, options.rows);
        yield Array.from({ length: end - start }, (_, i) =>
          syntheticRow(start + i),
        );
      }
    },
  };
}

/**
 * `rows` rows in batches; the calls of rows() listed in `gatedCalls`
 * (1-based) stop after the first batch until `open(call)` is called.
 */
export function gatedDefinition(options: {
  rows: number;
  batchSize: number;
  gatedCalls: number[];
}) {
  const gates = new Map<number, () => void>();
  const waiting = new Map<number, Promise<void>>();
  for (const call of options.gatedCalls) {
    waiting.set(
      call,
      new Promise<void>(resolve => {
        gates.set(call, resolve);
      }),
    );
  }
  let calls = 0;
  const definition: ReportDefinition = {
    type: 'project-spaces',
    resolveParameters: resolveRange,
    async *rows() {
      calls += 1;
      const gate = waiting.get(calls);
      for (let start = 0; start < options.rows; start += options.batchSize) {
        if (start > 0 && gate) {
          await gate;
        }
        const end = Math.min(start + options.batchSize, options.rows);
        yield Array.from({ length: end - start }, (_, i) =>
          syntheticRow(start + i),
        );
      }
    },
  };
  return {
    definition,
    open: (call: number) => gates.get(call)?.(),
    calls: () => calls,
  };
}

/** One batch, then waits forever: only the worker's abort stops it. */
export function blockingDefinition(): ReportDefinition {
  return {
    type: 'project-spaces',
    resolveParameters: resolveRange,
    async *rows() {
      yield [syntheticRow(0)];
      await new Promise(() => {});
    },
  };
}

/** One batch, then throws `error`. */
export function throwingDefinition(error: Error): ReportDefinition {
  return {
    type: 'project-spaces',
    resolveParameters: resolveRange,
    async *rows() {
      yield [syntheticRow(0)];
      throw error;
    },
  };
}
