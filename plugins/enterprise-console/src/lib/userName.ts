import { parseEntityRef } from '@backstage/catalog-model';

/** `user:default/ada` as `ada`; other namespaces and kinds stay visible. */
export function userName(ref: string): string {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    if (kind.toLocaleLowerCase('en-US') !== 'user') return ref;
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}
