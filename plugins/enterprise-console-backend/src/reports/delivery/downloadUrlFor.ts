import { DiscoveryService } from '@backstage/backend-plugin-api';
import { DownloadTokens } from './DownloadTokens';

/** The absolute, signed download link of a succeeded run. */
export type DownloadUrlFor = (run: { id: string; expiresAt: Date }) => string;

/**
 * Links on the backend's external base URL: they are opened from emails and
 * notifications, outside the app, and need no portal session.
 */
export function createDownloadUrlFor(
  externalBaseUrl: string,
  tokens: DownloadTokens,
): DownloadUrlFor {
  const base = externalBaseUrl.replace(/\/+$/, '');
  return run => `${base}/v1/downloads/${tokens.sign(run.id, run.expiresAt)}`;
}

/** The same, with the base URL the discovery service gives this plugin. */
export async function downloadUrlForPlugin(
  discovery: DiscoveryService,
  tokens: DownloadTokens,
): Promise<DownloadUrlFor> {
  return createDownloadUrlFor(
    await discovery.getExternalBaseUrl('enterprise-console'),
    tokens,
  );
}
