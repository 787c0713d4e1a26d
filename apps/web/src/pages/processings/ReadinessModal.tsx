import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { ReadinessProblem } from '@provod/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../../lib/use-lang';

/** Where a problem is, in the user's words: the step by its name, then the field. */
function placeOf(problem: ReadinessProblem, t: TFunction): string {
  if (problem.stepName) return `${t('readiness.step', { name: problem.stepName })}, ${t('readiness.field', { field: problem.field.replace(/^settings\./, '') })}`;
  return problem.field.startsWith('source') ? t('readiness.source') : t('readiness.processing');
}

/** The list a refused start came back with, in the interface language. */
export function ReadinessModal({ processingId, problems, onClose }: { processingId: string; problems: ReadinessProblem[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = problems ?? [];
  return (
    <Modal opened={problems !== null} onClose={onClose} title={t('readiness.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text size="sm">{t('readiness.intro', { count: list.length })}</Text>
        <List spacing="sm" size="sm">
          {list.map((problem, index) => (
            <List.Item key={`${problem.path}-${problem.code}-${index}`}>
              <Text size="sm" fw={600} component="span">
                {placeOf(problem, t)}:
              </Text>{' '}
              <Text size="sm" component="span">
                {lang.startsWith('ru') ? problem.message.ru : problem.message.en}
              </Text>
            </List.Item>
          ))}
        </List>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button component={Link} to={`/processings/${processingId}`} onClick={onClose}>
            {t('readiness.openEditor')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
