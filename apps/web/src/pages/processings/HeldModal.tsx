import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ProcessingView } from '@provod/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, keys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Events that arrived while the processing was stopped: run them now, or drop them. Without `onOpenHistory` (already in the history) there is no link there. */
export function HeldModal({ processing, count, onClose, onOpenHistory }: {
  processing: Pick<ProcessingView, 'id' | 'name'> & { status?: ProcessingView['status'] };
  count: number | null;
  onClose: () => void;
  onOpenHistory?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const done = (message: string) => {
    void client.invalidateQueries({ queryKey: keys.stats });
    void client.invalidateQueries({ queryKey: keys.operations(processing.id) });
    void client.invalidateQueries({ queryKey: keys.held(processing.id) });
    void client.invalidateQueries({ queryKey: ['operation'] });
    notifications.show({ color: 'teal', message });
    onClose();
  };
  const processIt = useMutation({
    // Held events run only on a started processing; from the history or an event's page it may still be stopped.
    mutationFn: async () => {
      if (processing.status === 'stopped') {
        await api.start(processing.id);
        void client.invalidateQueries({ queryKey: keys.processing(processing.id) });
      }
      return api.processHeld(processing.id);
    },
    onSuccess: ({ count: n }) => done(t('held.processed', { count: n })),
  });
  const discard = useMutation({
    mutationFn: () => api.discardHeld(processing.id),
    onSuccess: ({ count: n }) => done(t('held.discarded', { count: n })),
  });
  return (
    <Modal opened={count !== null} onClose={onClose} title={t('held.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text size="sm">{t('held.text', { count: count ?? 0, name: processing.name })}</Text>
        <Text size="sm" c="dimmed">
          {t('held.hint')}
        </Text>
        <ErrorAlert error={processIt.error ?? discard.error} />
        <Group justify={onOpenHistory ? 'space-between' : 'flex-end'}>
          {onOpenHistory && (
            <Button variant="subtle" onClick={onOpenHistory}>
              {t('held.look')}
            </Button>
          )}
          <Group gap="xs">
            <Button variant="default" color="red" loading={discard.isPending} onClick={() => discard.mutate()}>
              {t('held.discard')}
            </Button>
            <Button color="teal" loading={processIt.isPending} onClick={() => processIt.mutate()}>
              {processing.status === 'stopped' ? t('held.startAndProcess', { count: count ?? 0 }) : t('held.process', { count: count ?? 0 })}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
