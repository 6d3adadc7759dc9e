import express from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attachmentDisposition } from './attachmentDisposition';
import { FileChunkStore } from './FileChunkStore';

/** A stored file as a download names it. */
export interface StoredFile {
  id: string;
  /** The attempt whose chunks make the file. */
  attempt: number;
  fileName: string;
  contentType: string;
  /** The file's length, when known: sent as Content-Length. */
  byteSize?: number;
}

/**
 * Answers 200 with a stored file as an attachment, streamed chunk by chunk.
 * Rejects when the response was cut short (the client went away, a chunk
 * could not be read); the headers are out by then, so the response is
 * destroyed and the caller only records what happened.
 */
export async function sendStoredFile(
  res: express.Response,
  files: FileChunkStore,
  file: StoredFile,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', attachmentDisposition(file.fileName));
  if (file.byteSize !== undefined) {
    res.setHeader('Content-Length', String(file.byteSize));
  }
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  let read = 0;
  async function* chunks() {
    for await (const chunk of files.readChunks(file.id, file.attempt)) {
      read += chunk.length;
      yield chunk;
    }
  }
  try {
    // pipeline waits for drain (backpressure) and, when the client goes
    // away, stops reading chunks; one chunk is read ahead at most.
    await pipeline(Readable.from(chunks(), { highWaterMark: 1 }), res);
  } catch (error) {
    // Every byte was handed to the socket and the client, having them all,
    // closed it before 'finish' (or before the end was even written) was
    // seen: a race on fast local connections. That client has its file.
    const allHandedOver =
      res.writableEnded ||
      (file.byteSize !== undefined &&
        read === file.byteSize &&
        res.writableLength === 0);
    if (
      allHandedOver &&
      (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE'
    ) {
      return;
    }
    res.destroy();
    throw error;
  }
}
