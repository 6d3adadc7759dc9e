import Typography from '@material-ui/core/Typography';

/** The filtered, sorted and paginated tenants list (being built). */
export function TenantList() {
  return <Typography>Tenants</Typography>;
}
