import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconTemplate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ProcessingStats } from '@provod/contracts';
import { api, keys } from '../../api/endpoints';
import { useRole } from '../../auth/use-role';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { CreateProcessingModal } from './CreateProcessingModal';
import { ImportModal } from './ImportModal';
import { ProcessingCard } from './ProcessingCard';
import { PageTitle } from '../../components/PageTitle';
import { WizardGallery } from '../wizard/WizardGallery';

export function ProcessingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('processings.title')} · Provod`);
  const navigate = useNavigate();
  // Viewers read the list; creating and importing are for editors (the API refuses viewers too).
  const { canEdit } = useRole();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useQuery({ queryKey: keys.processings, queryFn: api.processings });
  // Counters are for glancing: a failure to load them must not hide the list.
  const stats = useQuery({ queryKey: keys.stats, queryFn: api.stats, refetchInterval: 30_000 });

  const byId = new Map<string, ProcessingStats>((stats.data ?? []).map((s) => [s.processingId, s]));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <PageTitle title={t('processings.title')} subtitle={t('processings.subtitle')} />
        {canEdit && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)}>
              {t('processings.import')}
            </Button>
            <Button variant="light" leftSection={<IconTemplate size={16} />} onClick={() => navigate('/wizard')}>
              {t('processings.fromTemplate')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('processings.create')}
            </Button>
          </Group>
        )}
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Stack gap="sm">
          <EmptyState title={t('processings.emptyTitle')}>
            <Text size="sm" c="dimmed" maw={560}>
              {t('processings.emptyText')}
            </Text>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('processings.createEmpty')}
            </Button>
          </EmptyState>
          {/* An empty installation opens on the templates themselves: one click starts the wizard. */}
          <Title order={2} size="h4" mt="xs">
            {t('wizard.galleryHeading')}
          </Title>
          <WizardGallery />
        </Stack>
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
