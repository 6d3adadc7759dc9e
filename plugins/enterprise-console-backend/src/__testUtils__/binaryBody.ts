/** A supertest parser that keeps the body as raw bytes, whatever its type. */
export function binaryBody(
  response: any,
  callback: (error: Error | null, body: Buffer) => void,
) {
  const parts: Buffer[] = [];
  response.on('data', (chunk: Buffer) => parts.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(parts)));
}
