import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { TenantUsage } from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { serverMessage } from '../../lib/serverMessage';
import { DateRangeFields, DateRangeValue } from '../DateRangeFields';
import { ChartPoint, UsageChart } from './UsageChart';
import {
  presetDays,
  readUsageRange,
  USAGE_PRESETS,
  UsagePreset,
  usageRangeProblem,
  usageRangeQuery,
} from './usageRange';

const meterField = (key: string) => `meter:${key}`;

/** The days as chart points; meters as numbers, for drawing only. */
function chartPoints(usage: TenantUsage): ChartPoint[] {
  return usage.days.map(day => ({
    day: day.day,
    mobileUsers: day.mobileUsers,
    webUsers: day.webUsers,
    submissions: day.submissions,
    smsMessages: day.smsMessages,
    smsParts: day.smsParts,
    ...Object.fromEntries(
      usage.meters.map(({ key }) => [
        meterField(key),
        Number(day.meters[key] ?? '0'),
      ]),
    ),
  }));
}

/** Whether any day of the range holds anything at all. */
function hasData(usage: TenantUsage): boolean {
  return usage.days.some(
    day =>
      day.mobileUsers !== null ||
      day.webUsers !== null ||
      day.submissions > 0 ||
      day.smsMessages > 0 ||
      Object.values(day.meters).some(value => Number(value) !== 0),
  );
}

function Charts(props: { usage: TenantUsage }) {
  const { usage } = props;
  const data = chartPoints(usage);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <UsageChart
          title="Mobile and web users"
          kind="line"
          emptyText="No daily user-count snapshot in this range yet: they are recorded each day just after midnight (UTC)."
          data={data}
          series={[
            { key: 'mobileUsers', name: 'Active mobile users' },
            { key: 'webUsers', name: 'Active web users' },
          ]}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <UsageChart
          title="Form submissions"
          kind="bar"
          data={data}
          series={[{ key: 'submissions', name: 'Form submissions' }]}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <UsageChart
          title="SMS"
          kind="bar"
          data={data}
          series={[
            { key: 'smsMessages', name: 'Messages' },
            { key: 'smsParts', name: 'Parts' },
          ]}
        />
      </Grid>
      {usage.meters.map(meter => (
        <Grid item xs={12} md={6} key={meter.key}>
          <UsageChart
            title={`${meter.name} (${meter.unit})`}
            kind="bar"
            decimals
            data={data}
            series={[{ key: meterField(meter.key), name: meter.name }]}
          />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * The tenant's usage over a range of days, charted: the range is in the
 * URL's query (`range`, and `from`/`to` when custom), so a reload or a
 * shared link shows the same days.
 */
export function TenantUsageCharts(props: { tenantId: string }) {
  const { tenantId } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const range = readUsageRange(searchParams);
  // The custom inputs may be half-edited; only complete ranges reach the URL.
  const [editing, setEditing] = useState<DateRangeValue>({
    from: range.from,
    to: range.to,
  });

  const usage = useAsync(
    () => api.getTenantUsage(tenantId, { from: range.from, to: range.to }),
    [api, tenantId, range.from, range.to],
  );

  const choose = (preset: UsagePreset | null) => {
    if (!preset || preset === range.preset) return;
    const days =
      preset === 'custom'
        ? { from: range.from, to: range.to }
        : presetDays(preset);
    setEditing(days);
    setSearchParams(usageRangeQuery({ preset, ...days }), { replace: true });
  };
  const editCustom = (next: DateRangeValue) => {
    setEditing(next);
    if (!usageRangeProblem(next)) {
      setSearchParams(usageRangeQuery({ preset: 'custom', ...next }), {
        replace: true,
      });
    }
  };

  return (
    <>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={2}>
        <Box mr={2} mb={1}>
          <Typography variant="h5" component="h3">
            Usage
          </Typography>
        </Box>
        <Box mr={2} mb={1}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={range.preset}
            onChange={(_, value) => choose(value)}
            aria-label="Range"
          >
            {USAGE_PRESETS.map(preset => (
              <ToggleButton key={preset.id} value={preset.id}>
                {preset.label}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
        <Box mb={1}>
          <Typography variant="body2" color="textSecondary">
            {range.from} – {range.to} (UTC)
          </Typography>
        </Box>
      </Box>
      {range.preset === 'custom' && (
        <DateRangeFields
          idPrefix="tenant-usage-range"
          label="Days"
          value={editing}
          onChange={editCustom}
          helperText={usageRangeProblem(editing)}
          error={Boolean(usageRangeProblem(editing))}
        />
      )}
      {usage.loading && <Progress />}
      {!usage.loading && usage.error && (
        <Alert severity="error">{serverMessage(usage.error)}</Alert>
      )}
      {!usage.loading && usage.value && !hasData(usage.value) && (
        <Alert severity="info">No data in this range.</Alert>
      )}
      {!usage.loading && usage.value && hasData(usage.value) && (
        <Charts usage={usage.value} />
      )}
    </>
  );
}
