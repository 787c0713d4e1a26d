import { Badge } from '@mantine/core';
import type { OperationStatus, ProcessingStatus, StepStatus } from '@provod/contracts';
import { useTranslation } from 'react-i18next';

/** A badge squeezed by a long name next to it was cut to «ОСТАНОВЛ…»: badges keep their width, names give way. */
const NO_SHRINK = { flexShrink: 0, overflow: 'visible' } as const;

const operationColor: Record<OperationStatus, string> = {
  queued: 'gray',
  running: 'blue',
  retrying: 'orange',
  succeeded: 'teal',
  failed: 'red',
  held: 'yellow',
  discarded: 'gray',
  duplicate: 'violet',
  filtered: 'cyan',
};

export function OperationStatusBadge({ status }: { status: OperationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={operationColor[status] ?? 'gray'} variant="light" radius="sm" style={NO_SHRINK}>
      {t(`operationStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function ProcessingStatusBadge({ status }: { status: ProcessingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'running' ? 'teal' : 'gray'} variant={status === 'running' ? 'filled' : 'light'} radius="sm" style={NO_SHRINK}>
      {t(`processingStatus.${status}`)}
    </Badge>
  );
}

const stepColor: Record<StepStatus, string> = { succeeded: 'teal', failed: 'red', retrying: 'orange', skipped: 'gray' };

export function StepStatusBadge({ status }: { status: StepStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={stepColor[status]} variant="light" radius="sm" style={NO_SHRINK}>
      {t(`stepStatus.${status}`)}
    </Badge>
  );
}
