import type { OperationStatus, ProcessingStatus, StepStatus } from '@provod/contracts';
import { useI18n } from '../i18n';

type Props =
  | { kind: 'processing'; status: ProcessingStatus }
  | { kind: 'operation'; status: OperationStatus }
  | { kind: 'step'; status: StepStatus };

export function StatusBadge(props: Props) {
  const { t } = useI18n();
  const label =
    props.kind === 'processing'
      ? t.processingStatus[props.status]
      : props.kind === 'operation'
        ? t.operationStatus[props.status]
        : t.stepStatus[props.status];
  return <span className={`badge badge-${props.status}`}>{label ?? props.status}</span>;
}
