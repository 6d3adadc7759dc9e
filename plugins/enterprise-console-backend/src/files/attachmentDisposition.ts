/**
 * `Content-Disposition` for a download (RFC 6266): `filename` for clients
 * that only read ASCII, `filename*` (RFC 8187) with the exact UTF-8 name for
 * all others.
 */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(
    fileName,
  )}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
}

/**
 * Accents dropped (é → e), anything else outside printable ASCII, quotes
 * and backslashes replaced, so the quoted string needs no escaping.
 */
function asciiFallback(fileName: string): string {
  return fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
}

/** Percent-encodes everything but RFC 8187 attr-chars. */
function encodeExtValue(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form; the ASCII name still works.
    encoded = encodeURIComponent(asciiFallback(value));
  }
  return encoded.replace(
    /['()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
