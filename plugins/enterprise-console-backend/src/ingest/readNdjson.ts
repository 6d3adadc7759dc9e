import { InputError } from '@backstage/errors';
import { StringDecoder } from 'string_decoder';
import { IngestItem } from './IngestionService';

/** Longest line kept; a longer one is skipped as one rejected record. */
export const MAX_NDJSON_LINE_LENGTH = 1024 * 1024;

type Line = { text: string } | { tooLong: true };

/**
 * The non-blank lines of an NDJSON body, read chunk by chunk: memory holds
 * one chunk and one line at most, and the body is only read as fast as the
 * caller consumes lines, which is what gives the upload its backpressure.
 */
async function* readLines(
  body: AsyncIterable<Buffer | string>,
): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false;

  function* take(text: string, final: boolean): Generator<Line> {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) {
        break;
      }
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (skipping) {
        skipping = false;
        pending = '';
        yield { tooLong: true };
        continue;
      }
      const line = pending + piece;
      pending = '';
      if (line.trim() !== '') {
        yield { text: line };
      }
    }
    const rest = text.slice(start);
    if (skipping) {
      if (final) {
        yield { tooLong: true };
      }
      return;
    }
    pending += rest;
    if (pending.length > MAX_NDJSON_LINE_LENGTH) {
      skipping = true;
      pending = '';
      if (final) {
        yield { tooLong: true };
      }
      return;
    }
    if (final && pending.trim() !== '') {
      yield { text: pending };
      pending = '';
    }
  }

  let chunks: AsyncIterator<Buffer | string>;
  try {
    chunks = body[Symbol.asyncIterator]();
  } catch (error) {
    throw new InputError('The request body could not be read', error);
  }
  for (;;) {
    let next: IteratorResult<Buffer | string>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw new InputError('The request body could not be read', error);
    }
    if (next.done) {
      break;
    }
    const chunk = next.value;
    yield* take(
      typeof chunk === 'string' ? chunk : decoder.write(chunk),
      false,
    );
  }
  yield* take(decoder.end(), true);
}

/**
 * The records of an NDJSON body. A line that is not JSON is one rejected
 * record; but if the first line is not a JSON object, the body is not NDJSON
 * at all and the call fails with 400 before anything is written.
 */
export async function* readNdjsonRecords(
  body: AsyncIterable<Buffer | string>,
): AsyncGenerator<IngestItem> {
  let first = true;
  for await (const line of readLines(body)) {
    if ('tooLong' in line) {
      if (first) {
        throw new InputError(
          `The body is not NDJSON: its first line is longer than ${MAX_NDJSON_LINE_LENGTH} characters`,
        );
      }
      yield {
        problem: `Invalid record: line is longer than ${MAX_NDJSON_LINE_LENGTH} characters`,
      };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      if (first) {
        throw new InputError(
          'The body is not NDJSON: its first line is not a JSON object',
        );
      }
      yield { problem: 'Invalid record: line is not valid JSON' };
      continue;
    }
    if (
      first &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new InputError(
        'The body is not NDJSON: its first line is not a JSON object',
      );
    }
    first = false;
    yield { value };
  }
  if (first) {
    throw new InputError('The body holds no records');
  }
}
