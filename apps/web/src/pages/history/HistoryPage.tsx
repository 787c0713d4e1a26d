import { Anchor, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconEdit } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ChartRange } from '@provod/contracts';
import { api, keys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HeldEventsBar } from '../../components/HeldEventsBar';
import { LazyChart } from '../../components/LazyChart';
import { PageLoader } from '../../components/PageLoader';
import { ProcessingStatusBadge } from '../../components/StatusBadge';
import { OperationsHistory } from './OperationsHistory';

export default function HistoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [range, setRange] = useState<ChartRange>('24h');
  const processing = useQuery({ queryKey: keys.processing(id), queryFn: () => api.processing(id) });
  useDocumentTitle(`${t('history.title')}: ${processing.data?.name ?? ''} · Provod`);
  if (processing.isPending) return <PageLoader />;
  if (processing.isError) return <ErrorAlert error={processing.error} onRetry={() => void processing.refetch()} />;
  const view = processing.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Anchor component={Link} to="/processings" aria-label={t('editor.back')} c="dimmed">
            <IconArrowLeft size={20} />
          </Anchor>
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed">
              {t('history.title')}
            </Text>
            <Group gap="sm" wrap="nowrap">
              <Title order={1} size="h3" lineClamp={2}>
                {view.name}
              </Title>
              <ProcessingStatusBadge status={view.status} />
            </Group>
          </div>
        </Group>
        <Button variant="light" leftSection={<IconEdit size={16} />} component={Link} to={`/processings/${id}`}>
          {t('history.openEditor')}
        </Button>
      </Group>
      <Card withBorder radius="md" padding="sm">
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={600}>
            {t('chart.title')}
          </Text>
          <SegmentedControl
            size="xs"
            value={range}
            onChange={(v) => setRange(v as ChartRange)}
            data={[
              { value: '24h', label: t('chart.range.24h') },
              { value: '7d', label: t('chart.range.7d') },
            ]}
            aria-label={t('chart.rangeLabel')}
          />
        </Group>
        <LazyChart processingId={id} range={range} height={150} />
      </Card>
      <HeldEventsBar processing={view} />
      <OperationsHistory processing={view} />
    </Stack>
  );
}
