import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CampaignTimeline } from '@/hooks/api/campaigns/types.ts';
import { formatDateTime, formatNumber } from '@/lib/format.ts';

type Bucket = CampaignTimeline['calls'][number];

// Calls over time: answered / not answered / no result stacked per bucket, retries as a line.
// Loaded on its own (Recharts is the heaviest part of the page). Colours are the theme's tokens.
export function CallsChart({ calls, bucketSeconds, timeZone }: { calls: Bucket[]; bucketSeconds: number; timeZone: string }) {
  const { t, i18n } = useTranslation('campaign');
  // Buckets under a minute need the seconds to tell ticks apart; a day or more, the date.
  const format = bucketSeconds < 60 ? 'HH:mm:ss' : bucketSeconds >= 86_400 ? 'dd/LL' : 'HH:mm';
  const tick = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone, locale: i18n.language }).toFormat(format);
  const series = [
    { key: 'answered', colour: 'var(--success)' },
    { key: 'notAnswered', colour: 'var(--destructive)' },
    { key: 'noResult', colour: 'var(--warning)' },
  ] as const;
  return (
    <div className="h-64 w-full text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={calls} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="at" tickFormatter={tick} stroke="var(--muted-foreground)" minTickGap={24} />
          <YAxis allowDecimals={false} stroke="var(--muted-foreground)" />
          <Tooltip
            labelFormatter={(ms) => formatDateTime(Number(ms), timeZone, i18n.language)}
            formatter={(value) => formatNumber(Number(value), i18n.language)}
            contentStyle={{ background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--card-foreground)' }}
            cursor={{ fill: 'var(--muted)' }}
          />
          <Legend />
          {series.map(({ key, colour }) => (
            <Bar key={key} dataKey={key} name={t(`chart.${key}`)} stackId="calls" fill={colour} isAnimationActive={false} />
          ))}
          <Line dataKey="retries" name={t('chart.retries')} stroke="var(--primary)" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
