import { Button, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconPlus, IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, keys, type ProcessingStats } from '../../api/endpoints';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { errorMessage } from '../../lib/errors';
import template from '../../templates/uon-to-envybox.json';
import { CreateProcessingModal } from './CreateProcessingModal';
import { ImportModal } from './ImportModal';
import { ProcessingCard } from './ProcessingCard';
import { PageTitle } from '../../components/PageTitle';

export function ProcessingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('processings.title')} · Provod`);
  const navigate = useNavigate();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useQuery({ queryKey: keys.processings, queryFn: api.processings });
  // Counters are for glancing: a failure to load them must not hide the list.
  const stats = useQuery({ queryKey: keys.stats, queryFn: api.stats, refetchInterval: 30_000 });
  const fromTemplate = useMutation({
    mutationFn: () => api.importProcessing(template),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: keys.processings });
      notifications.show({ color: 'teal', message: t('processings.templateCreated') });
      navigate(`/processings/${created.id}`);
    },
    onError: (error) => notifications.show({ color: 'red', title: t('processings.templateFailed'), message: errorMessage(error, t) }),
  });

  const byId = new Map<string, ProcessingStats>((stats.data ?? []).map((s) => [s.processingId, s]));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <PageTitle title={t('processings.title')} subtitle={t('processings.subtitle')} />
        <Group gap="xs">
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)}>
            {t('processings.import')}
          </Button>
          <Button variant="light" leftSection={<IconTemplate size={16} />} loading={fromTemplate.isPending} onClick={() => fromTemplate.mutate()}>
            {t('processings.fromTemplate')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('processings.create')}
          </Button>
        </Group>
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title={t('processings.emptyTitle')}>
          <Text size="sm" c="dimmed" maw={520}>
            {t('processings.emptyText')}
          </Text>
          <Group>
            <Button leftSection={<IconTemplate size={16} />} loading={fromTemplate.isPending} onClick={() => fromTemplate.mutate()}>
              {t('processings.fromTemplate')}
            </Button>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('processings.createEmpty')}
            </Button>
          </Group>
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {list.data.map((processing) => (
            <ProcessingCard key={processing.id} processing={processing} stats={byId.get(processing.id)} statsLoading={stats.isPending} />
          ))}
        </Stack>
      )}
      <CreateProcessingModal opened={creating} onClose={() => setCreating(false)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
