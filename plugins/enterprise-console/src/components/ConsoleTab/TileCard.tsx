import { InfoCard, LinkButton } from '@backstage/core-components';
import { ConsoleTile } from '@internal/plugin-enterprise-console-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import EmailIcon from '@material-ui/icons/Email';
import { formatCount } from '../../lib/numbers';

/** One dashboard tile: its total, the range it counts, its actions. */
export function TileCard(props: {
  tile: ConsoleTile;
  /** Shown under the title of tiles that count within a range. */
  rangeLabel?: string;
  /** Absent when the user may not export reports. */
  onEmail?: () => void;
  /** A page that shows the tile's rows, if there is one. */
  browseLink?: { to: string; label: string };
}) {
  const { tile, rangeLabel, onEmail, browseLink } = props;
  const actions = (onEmail || browseLink) && (
    <>
      {onEmail && (
        <Button
          size="small"
          color="primary"
          startIcon={<EmailIcon />}
          aria-label={`Email report: ${tile.title}`}
          onClick={onEmail}
        >
          Email report
        </Button>
      )}
      {browseLink && (
        <LinkButton size="small" color="primary" to={browseLink.to}>
          {browseLink.label}
        </LinkButton>
      )}
    </>
  );
  return (
    <InfoCard
      variant="gridItem"
      title={tile.title}
      subheader={tile.takesDateRange ? rangeLabel : 'Now'}
      actions={actions}
    >
      <Typography variant="h3" component="p" data-testid="tile-total">
        {formatCount(tile.total)}
      </Typography>
    </InfoCard>
  );
}
