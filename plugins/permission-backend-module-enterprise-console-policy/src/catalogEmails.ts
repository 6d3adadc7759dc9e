import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { UserEmailResolver } from './EnterpriseConsolePolicy';

/** Long enough to spare the catalog a lookup per decision, short enough that a changed email applies soon. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Profile emails of user entities from the catalog, cached briefly: a page
 * asks for several permissions at once.
 */
export function createCatalogEmailResolver(options: {
  catalog: CatalogService;
  auth: AuthService;
  now?: () => number;
}): UserEmailResolver {
  const { catalog, auth, now = Date.now } = options;
  const cache = new Map<string, { at: number; emails: Promise<string[]> }>();
  return async userEntityRef => {
    const key = userEntityRef.toLowerCase();
    const hit = cache.get(key);
    if (hit && now() - hit.at < TTL_MS) {
      return hit.emails;
    }
    if (cache.size >= MAX_ENTRIES) {
      cache.clear();
    }
    const emails = (async () => {
      const entity = await catalog.getEntityByRef(userEntityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      const email = (entity?.spec?.profile as { email?: unknown } | undefined)
        ?.email;
      return typeof email === 'string' && email ? [email.toLowerCase()] : [];
    })();
    cache.set(key, { at: now(), emails });
    // A failed lookup is not remembered.
    emails.catch(() => cache.delete(key));
    return emails;
  };
}
