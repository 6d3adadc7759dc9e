import express from 'express';

/** A URL with the token of a download link in it replaced. */
export function redactDownloadToken(url: string): string {
  return url.replace(/(\/v1\/downloads\/)[^/?#]*/, '$1[redacted]');
}

/**
 * Keeps download tokens out of the backend's request log. Backstage's
 * request logger (the root HTTP router's `logging` middleware) writes
 * `req.originalUrl` when the response finishes; a live link there would let
 * anyone who reads the log download the file for as long as it works. So
 * for this plugin's requests the recorded URL is the redacted one. Express
 * routes on `req.url`, which stays as it is.
 */
export function hideDownloadTokensFromRequestLog(): express.RequestHandler {
  return (req, _res, next) => {
    req.originalUrl = redactDownloadToken(req.originalUrl);
    next();
  };
}
