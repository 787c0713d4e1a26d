import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied permission falls through to the legacy path below.
    }
  }
  // Self-hosted installs are often opened over plain HTTP, where the Clipboard API does not exist.
  const previousFocus = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previousFocus?.focus();
  return ok;
}

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  return (
    <>
      <button type="button" className="secondary" aria-label={label} onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}>
        {t.list.copy}
      </button>
      <span className="copy-status" role="status">
        {state === 'copied' ? t.list.copied : state === 'failed' ? t.list.copyFailed : ''}
      </span>
    </>
  );
}
