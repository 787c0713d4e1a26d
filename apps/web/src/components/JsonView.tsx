import { Code } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { JsonView as LiteJsonView, defaultStyles } from 'react-json-view-lite';
import 'react-json-view-lite/dist/index.css';

/** Collapsible JSON; the first levels are open, deeper ones one click away (a U-ON request has 100+ keys). */
export function JsonView({ value, expandLevels = 2, label }: { value: unknown; expandLevels?: number; label?: string }) {
  const { t } = useTranslation();
  if (value === null || typeof value !== 'object') {
    return (
      <Code block aria-label={label} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value)}
      </Code>
    );
  }
  return (
    <div className="json-view">
      <LiteJsonView
        data={value as object}
        aria-label={label ?? t('jsonView.view')}
        shouldExpandNode={(level) => level < expandLevels}
        // Screen readers announce the expanders in the interface language, not the library's English.
        style={{ ...defaultStyles, container: 'json-view-container', ariaLables: { expandJson: t('jsonView.expand'), collapseJson: t('jsonView.collapse') } }}
      />
    </div>
  );
}
