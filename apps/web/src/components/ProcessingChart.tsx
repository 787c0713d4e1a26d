import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartRange } from '@provod/contracts';
import { api, keys } from '../api/endpoints';
import { formatDayHour, formatNumber, formatTime } from '../lib/format';
import { useLang } from '../lib/use-lang';

const COLORS = { succeeded: '#2f9e44', failed: '#e03131', filtered: '#15aabf', other: '#adb5bd' };

/** Operations per hour (or per 6 hours over a week), stacked by outcome. Loaded on demand: the chart library is large. */
export default function ProcessingChart({ processingId, range, height = 120, compact = false }: { processingId: string; range: ChartRange; height?: number; compact?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const chart = useQuery({
    queryKey: keys.chart(processingId, range),
    queryFn: () => api.chart(processingId, range),
    refetchInterval: 60_000,
  });
  const buckets = chart.data?.buckets ?? [];
  const total = buckets.reduce((sum, b) => sum + b.succeeded + b.failed + b.filtered + b.other, 0);
  const label = t('chart.label', { range: t(`chart.range.${range}`) });
  if (chart.isError) {
    return (
      <Text size="xs" c="dimmed">
        {t('chart.unavailable')}
      </Text>
    );
  }
  return (
    <Stack gap={4} role="figure" aria-label={label}>
      {compact && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('chart.compactTitle', { range: t(`chart.range.${range}`) })}
          </Text>
          <Text size="xs" c="dimmed">
            {formatNumber(total, lang)}
          </Text>
        </Group>
      )}
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={buckets} margin={{ top: 4, right: 4, bottom: 0, left: compact ? -28 : -12 }} barCategoryGap={1}>
            {!compact && <CartesianGrid strokeDasharray="3 3" vertical={false} />}
            <XAxis
              dataKey="start"
              tickFormatter={(value: string) => (range === '24h' ? formatTime(value, lang) : formatDayHour(value, lang))}
              tick={compact ? false : { fontSize: 10 }}
              tickLine={!compact}
              height={compact ? 2 : 30}
              minTickGap={24}
              stroke="#ced4da"
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 10 }} width={compact ? 34 : 40} hide={compact} />
            <Tooltip
              labelFormatter={(value) => formatDayHour(String(value), lang)}
              formatter={(value, name) => [formatNumber(Number(value), lang), t(`chart.series.${String(name) as 'succeeded' | 'failed' | 'filtered' | 'other'}`)]}
            />
            <Bar dataKey="succeeded" stackId="a" fill={COLORS.succeeded} isAnimationActive={false} />
            <Bar dataKey="failed" stackId="a" fill={COLORS.failed} isAnimationActive={false} />
            <Bar dataKey="filtered" stackId="a" fill={COLORS.filtered} isAnimationActive={false} />
            <Bar dataKey="other" stackId="a" fill={COLORS.other} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {!compact && (
        <Group gap="md">
          {(['succeeded', 'failed', 'filtered', 'other'] as const).map((series) => (
            <Group key={series} gap={4}>
              <span className="legend-dot" style={{ background: COLORS[series] }} aria-hidden="true" />
              <Text size="xs" c="dimmed">
                {t(`chart.series.${series}`)}
              </Text>
            </Group>
          ))}
          <Text size="xs" c="dimmed" ml="auto">
            {t('chart.total', { count: total, formatted: formatNumber(total, lang) })}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
