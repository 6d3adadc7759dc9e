/** A whole CSV file's text: the byte-order mark, then lines ending CRLF. */
export function csvFile(lines: string[]): string {
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
