import { InfoCard } from '@backstage/core-components';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** One point per day: `day` and a number (or null: no value) per series. */
export type ChartPoint = { day: string } & Record<
  string,
  number | string | null
>;

export interface ChartSeries {
  /** The field of the points. */
  key: string;
  /** The legend's and tooltip's name. */
  name: string;
}

/**
 * A card with one chart over the days of the range: lines for levels
 * (users), bars for counts per day. A fixed minimum height, because the
 * container takes its size from the card.
 */
export function UsageChart(props: {
  title: string;
  kind: 'line' | 'bar';
  data: ChartPoint[];
  series: ChartSeries[];
  /** Whether values may have decimals (usage meters); counts do not. */
  decimals?: boolean;
  /** Shown instead of the chart when no day has a value of any series. */
  emptyText?: string;
}) {
  const { title, kind, data, series, decimals = false, emptyText } = props;
  const theme = useTheme();
  const empty = !data.some(point =>
    series.some(({ key }) => point[key] !== null && point[key] !== undefined),
  );
  if (empty && emptyText) {
    return (
      <InfoCard title={title}>
        <Typography color="textSecondary">{emptyText}</Typography>
      </InfoCard>
    );
  }
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success?.main ?? theme.palette.primary.dark,
  ];
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis key="x" dataKey="day" minTickGap={24} />,
    <YAxis key="y" allowDecimals={decimals} />,
    <Tooltip key="tooltip" />,
    <Legend key="legend" />,
  ];
  return (
    <InfoCard title={title} noPadding>
      <ResponsiveContainer width="100%" height={240} minHeight={240}>
        {kind === 'line' ? (
          <LineChart data={data} margin={{ top: 16, right: 24, left: 0 }}>
            {axes}
            {series.map((s, index) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.name}
                stroke={colors[index % colors.length]}
                // Dots, so that a single snapshot shows too.
                dot={{ r: 2 }}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        ) : (
          <BarChart data={data} margin={{ top: 16, right: 24, left: 0 }}>
            {axes}
            {series.map((s, index) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={colors[index % colors.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </InfoCard>
  );
}
