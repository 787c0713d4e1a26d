import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlayerPause } from '@tabler/icons-react';
import type { ProcessingView } from '@provod/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, keys } from '../api/endpoints';
import { useRole } from '../auth/use-role';
import { HeldModal } from '../pages/processings/HeldModal';

/**
 * Held events are decided where the user meets them: in the history and on a held event's page, not
 * only from the processings list. `single` words it for the page of one held event.
 */
export function HeldEventsBar({ processing, single = false }: { processing: Pick<ProcessingView, 'id' | 'name' | 'status'>; single?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const held = useQuery({ queryKey: keys.held(processing.id), queryFn: () => api.held(processing.id) });
  const count = held.data?.count ?? 0;
  // Deciding held events is a change: not for viewers.
  const { canEdit } = useRole();
  if (count === 0 || !canEdit) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconPlayerPause size={18} />} data-testid="held-bar">
      <Group justify="space-between" gap="xs">
        <Text size="sm" style={{ flex: '1 1 16rem' }}>
          {single ? t('heldBar.thisOne') : t('heldBar.text', { count })}
        </Text>
        <Button size="xs" color="yellow" variant="filled" onClick={() => setOpen(count)}>
          {t('heldBar.decide')}
        </Button>
      </Group>
      <HeldModal processing={processing} count={open} onClose={() => setOpen(null)} />
    </Alert>
  );
}
