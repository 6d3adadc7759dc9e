import { InputError } from '@backstage/errors';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { spec } from './openapi/generated/router';

const NUL = '\u0000';

/** The first field under `root` holding a string with a NUL, named as a path. */
function findNul(root: unknown, rootName: string): string | undefined {
  // Iterative, so that a deeply nested JSON body cannot exhaust the stack.
  const stack: Array<[unknown, string]> = [[root, rootName]];
  while (stack.length > 0) {
    const [value, name] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) {
        return name;
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, `${name}[${index}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(NUL)) {
          return name ? `a field name in ${name}` : 'a field name';
        }
        stack.push([item, name ? `${name}.${key}` : key]);
      }
    }
  }
  return undefined;
}

/** Each path template of openapi.yaml as a pattern capturing its parameters. */
const pathTemplates = Object.keys(spec.paths).map(template => {
  const names: string[] = [];
  const source = template
    .split(/\{([^}]+)\}/)
    .map((part, index) => {
      if (index % 2 === 1) {
        names.push(part);
        return '([^/]*)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { pattern: new RegExp(`^${source}/?$`), names };
});

function decodeOrKeep(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // express answers the malformed escape itself
  }
}

/** The name of the path parameter (or `path`) holding a NUL, if any. */
function findNulInPath(path: string): string | undefined {
  if (!decodeOrKeep(path).includes(NUL)) {
    return undefined;
  }
  for (const { pattern, names } of pathTemplates) {
    const match = pattern.exec(path);
    const index = match
      ?.slice(1)
      .findIndex(segment => decodeOrKeep(segment).includes(NUL));
    if (index !== undefined && index >= 0) {
      return names[index];
    }
  }
  return 'path';
}

/**
 * Refuses a NUL character anywhere in a request's path, query or JSON body
 * with a 400 naming the field. PostgreSQL cannot store or compare text with
 * a NUL (it answers an error that would surface as a 500), and no field of
 * this API has a use for one. Ingestion's streamed bodies are not parsed
 * here; its readers refuse such records one by one.
 */
export function rejectNulCharacters(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const pathField = findNulInPath(req.path);
    if (pathField) {
      next(
        new InputError(
          `Invalid path: ${pathField} must not contain NUL characters`,
        ),
      );
      return;
    }
    const queryField = findNul(req.query, '');
    if (queryField) {
      next(
        new InputError(
          `Invalid query: ${queryField} must not contain NUL characters`,
        ),
      );
      return;
    }
    const bodyField = findNul(req.body, '');
    if (bodyField !== undefined) {
      next(
        new InputError(
          `Invalid body: ${
            bodyField || 'the body'
          } must not contain NUL characters`,
        ),
      );
      return;
    }
    next();
  };
}
