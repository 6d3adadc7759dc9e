import { EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * What a user sees instead of a page they may not open: which permission is
 * missing and whom to ask, rather than an empty or broken page.
 *
 * @public
 */
export function AccessDenied(props: {
  /** The permission the page needs, e.g. enterprise-console.settings.read. */
  permissionName: string;
  /** What the permission was checked on, e.g. the account's name. */
  resourceName?: string;
}) {
  const { permissionName, resourceName } = props;
  return (
    <EmptyState
      missing="content"
      title="You do not have access"
      description={
        <>
          <Typography component="span" display="block">
            This page needs the permission <code>{permissionName}</code>
            {resourceName ? ` on ${resourceName}` : ''}, which none of your
            roles grants.
          </Typography>
          <Typography component="span" display="block">
            Ask an enterprise admin of your organisation to give you a role that
            includes it.
          </Typography>
        </>
      }
    />
  );
}
