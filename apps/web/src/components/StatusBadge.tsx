import { Badge } from '@mantine/core';
import type { OperationStatus, ProcessingStatus, StepStatus } from '@provod/contracts';
import { useTranslation } from 'react-i18next';

const operationColor: Record<OperationStatus, string> = {
  queued: 'gray',
  running: 'blue',
  retrying: 'orange',
  succeeded: 'teal',
  failed: 'red',
  held: 'yellow',
  discarded: 'gray',
  duplicate: 'violet',
};

export function OperationStatusBadge({ status }: { status: OperationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={operationColor[status] ?? 'gray'} variant="light" radius="sm">
      {t(`operationStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function ProcessingStatusBadge({ status }: { status: ProcessingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'running' ? 'teal' : 'gray'} variant={status === 'running' ? 'filled' : 'light'} radius="sm">
      {t(`processingStatus.${status}`)}
    </Badge>
  );
}

const stepColor: Record<StepStatus, string> = { succeeded: 'teal', failed: 'red', retrying: 'orange', skipped: 'gray' };

export function StepStatusBadge({ status }: { status: StepStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={stepColor[status]} variant="light" radius="sm">
      {t(`stepStatus.${status}`)}
    </Badge>
  );
}
