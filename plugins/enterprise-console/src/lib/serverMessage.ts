/**
 * What to tell the user about a failed request: the server's own message
 * (e.g. why a range or a run was refused) rather than the generic
 * "Request failed with 400" of a ResponseError.
 */
export function serverMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  const message = body?.error?.message;
  if (typeof message === 'string' && message) return message;
  return error instanceof Error ? error.message : String(error);
}
