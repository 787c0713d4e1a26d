import { Code } from '@mantine/core';
import { JsonView as LiteJsonView, defaultStyles } from 'react-json-view-lite';
import 'react-json-view-lite/dist/index.css';

/** Collapsible JSON; the first levels are open, deeper ones one click away (a U-ON request has 100+ keys). */
export function JsonView({ value, expandLevels = 2, label }: { value: unknown; expandLevels?: number; label?: string }) {
  if (value === null || typeof value !== 'object') {
    return (
      <Code block aria-label={label}>
        {value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value)}
      </Code>
    );
  }
  return (
    <div className="json-view" aria-label={label}>
      <LiteJsonView
        data={value as object}
        shouldExpandNode={(level) => level < expandLevels}
        style={{ ...defaultStyles, container: 'json-view-container' }}
      />
    </div>
  );
}
