import { Button, Menu, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ActionType } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { ACTION_ICONS, ACTION_TYPES } from './action-types';

/** The type picker: each kind of step with one line on what it is for. */
export function AddStepButton({ onAdd }: { onAdd: (type: ActionType) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-start" width={380} withinPortal>
      <Menu.Target>
        <Button variant="light" leftSection={<IconPlus size={16} />}>
          {t('editor.addStep')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('editor.chooseType')}</Menu.Label>
        {ACTION_TYPES.map((type) => {
          const Icon = ACTION_ICONS[type];
          return (
            <Menu.Item key={type} leftSection={<Icon size={20} />} onClick={() => onAdd(type)}>
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {t(`actionType.${type}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`actionTypeHint.${type}`)}
                </Text>
              </Stack>
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
