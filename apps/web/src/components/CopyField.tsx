import { ActionIcon, Code, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../lib/copy';

/** A value to paste elsewhere (a webhook URL, an invite link), shown in full with a copy button beside it. */
export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);
  const tip = state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : t('common.copy');
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <Code data-testid={testId} aria-label={label} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}>
        {value}
      </Code>
      <Tooltip label={tip} opened={state !== 'idle' ? true : undefined} withArrow>
        <ActionIcon
          variant="subtle"
          color={state === 'copied' ? 'teal' : 'gray'}
          aria-label={`${t('common.copy')}: ${label}`}
          onClick={async () => setState((await copyText(value)) ? 'copied' : 'failed')}
        >
          {state === 'copied' ? <IconCheck size={16} /> : <IconCopy size={16} />}
        </ActionIcon>
      </Tooltip>
      <span role="status" className="visually-hidden">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </Group>
  );
}
