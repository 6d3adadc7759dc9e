/*
 * Stored files and their signed, expiring download links, for every area
 * that serves a file (report runs today, statement PDFs next).
 */
export { attachmentDisposition } from './attachmentDisposition';
export { DownloadTokens } from './DownloadTokens';
export type { DownloadLinkKey, DownloadTokenCheck } from './DownloadTokens';
export {
  createDownloadUrlFor,
  DEFAULT_DOWNLOAD_PATH,
  downloadUrlForPlugin,
} from './downloadUrlFor';
export type { DownloadUrlFor } from './downloadUrlFor';
export { FileChunkStore } from './FileChunkStore';
export type { FileIds } from './FileChunkStore';
export { sendStoredFile } from './sendStoredFile';
export type { StoredFile } from './sendStoredFile';
