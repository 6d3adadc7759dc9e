import { DiscoveryService } from '@backstage/backend-plugin-api';
import { DownloadTokens } from './DownloadTokens';

/** The absolute, signed download link of a stored file. */
export type DownloadUrlFor = (file: { id: string; expiresAt: Date }) => string;

/** Where the plugin's routes serve a file by token, unless told otherwise. */
export const DEFAULT_DOWNLOAD_PATH = '/v1/downloads';

/**
 * Links on the backend's external base URL: they are opened from emails and
 * notifications, outside the app, and need no portal session.
 */
export function createDownloadUrlFor(
  externalBaseUrl: string,
  tokens: DownloadTokens,
  path: string = DEFAULT_DOWNLOAD_PATH,
): DownloadUrlFor {
  const base = externalBaseUrl.replace(/\/+$/, '');
  return file => `${base}${path}/${tokens.sign(file.id, file.expiresAt)}`;
}

/** The same, with the base URL the discovery service gives this plugin. */
export async function downloadUrlForPlugin(
  discovery: DiscoveryService,
  tokens: DownloadTokens,
  path: string = DEFAULT_DOWNLOAD_PATH,
): Promise<DownloadUrlFor> {
  return createDownloadUrlFor(
    await discovery.getExternalBaseUrl('enterprise-console'),
    tokens,
    path,
  );
}
