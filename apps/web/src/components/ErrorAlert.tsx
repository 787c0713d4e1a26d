import { Alert, Button, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage } from '../lib/errors';

export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} icon={<IconAlertTriangle size={18} />} role="alert">
      <Text size="sm">{errorMessage(error, t)}</Text>
      {issues.length > 0 && (
        <List size="sm" mt={4}>
          {issues.map((issue, index) => (
            <List.Item key={index}>
              {issue.path ? <Text span ff="monospace" size="xs">{issue.path}: </Text> : null}
              {issue.message}
            </List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="xs" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
