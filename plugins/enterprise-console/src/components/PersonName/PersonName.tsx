import { parseEntityRef } from '@backstage/catalog-model';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';

function isCatalogPerson(ref: string): boolean {
  try {
    const { kind } = parseEntityRef(ref);
    return ['user', 'group'].includes(kind.toLocaleLowerCase('en-US'));
  } catch {
    return false;
  }
}

/**
 * Who did something, as people know them: a catalog user or group by its
 * display name (the full ref on hover); anything else, such as a service
 * principal, as it was recorded.
 */
export function PersonName(props: { entityRef: string }) {
  const { entityRef } = props;
  return isCatalogPerson(entityRef) ? (
    <EntityDisplayName entityRef={entityRef} hideIcon />
  ) : (
    <>{entityRef}</>
  );
}
