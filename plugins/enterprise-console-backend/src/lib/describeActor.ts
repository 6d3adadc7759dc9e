import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who made a change, as recorded with the settings and in audit events. */
export function describeActor(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: string };
  if (principal.type === 'user' && 'userEntityRef' in principal) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && 'subject' in principal) {
    return principal.subject;
  }
  return principal.type;
}
