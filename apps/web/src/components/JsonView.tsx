import type { ReactNode } from 'react';
import { prettyJson } from '../format';

export function JsonBlock({ value }: { value: unknown }) {
  return <pre className="json">{prettyJson(value)}</pre>;
}

interface DetailsProps {
  summary: ReactNode;
  value: unknown;
  open?: boolean;
}

export function JsonDetails({ summary, value, open }: DetailsProps) {
  return (
    <details open={open}>
      <summary>{summary}</summary>
      <JsonBlock value={value} />
    </details>
  );
}
