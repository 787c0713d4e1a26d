import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ProcessingView } from '@provod/contracts';
import { api, isAbort, webhookUrl } from '../api';
import { CopyButton } from '../components/CopyButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { href, navigate } from '../router';

export function ProcessingsPage() {
  const { t } = useI18n();
  const [items, setItems] = useState<ProcessingView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [toggleError, setToggleError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    setLoadError(null);
    try {
      setItems(await api.listProcessings(signal));
    } catch (error) {
      if (!isAbort(error)) setLoadError(error);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function toggle(processing: ProcessingView) {
    setBusyId(processing.id);
    setToggleError(null);
    try {
      const updated =
        processing.status === 'running'
          ? await api.stopProcessing(processing.id)
          : await api.startProcessing(processing.id);
      setItems((current) => current?.map((p) => (p.id === updated.id ? updated : p)) ?? current);
    } catch (error) {
      setToggleError(error);
    } finally {
      setBusyId(null);
    }
  }

  const opened = (created: ProcessingView) => navigate(href.processing(created.id));

  return (
    <>
      <h1>{t.list.title}</h1>

      <ErrorMessage error={loadError} onRetry={() => void load()} />
      <ErrorMessage error={toggleError} />

      {items === null && !loadError && <p className="muted">{t.common.loading}</p>}
      {items !== null && items.length === 0 && <p className="muted">{t.list.empty}</p>}
      {items !== null && items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.list.name}</th>
                <th scope="col">{t.list.status}</th>
                <th scope="col">{t.list.webhook}</th>
                <th scope="col">{t.list.controls}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => {
                const url = webhookUrl(p.webhookToken);
                return (
                  <tr key={p.id}>
                    <td>
                      <a href={href.processing(p.id)}>{p.name}</a>
                    </td>
                    <td>
                      <StatusBadge kind="processing" status={p.status} />
                    </td>
                    <td>
                      <div className="webhook">
                        <input type="text" readOnly value={url} aria-label={t.list.webhookOf(p.name)} onFocus={(e) => e.currentTarget.select()} />
                        <CopyButton text={url} label={`${t.list.copy}: ${t.list.webhookOf(p.name)}`} />
                      </div>
                    </td>
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          className={p.status === 'running' ? 'secondary' : undefined}
                          disabled={busyId === p.id}
                          onClick={() => void toggle(p)}
                        >
                          {p.status === 'running' ? t.list.stop : t.list.start}
                        </button>
                        <a href={href.operations(p.id)}>{t.list.history}</a>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <div className="columns">
        <CreateForm onCreated={opened} />
        <ImportForm onImported={opened} />
      </div>
    </>
  );
}

function CreateForm({ onCreated }: { onCreated: (p: ProcessingView) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createProcessing(name.trim()));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="create-title">
      <h2 id="create-title">{t.list.createTitle}</h2>
      <form onSubmit={submit}>
        <label htmlFor="create-name">{t.list.createName}</label>
        <div className="inline">
          <input id="create-name" type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={busy || name.trim() === ''}>
            {t.list.create}
          </button>
        </div>
        <ErrorMessage error={error} />
      </form>
    </section>
  );
}

function ImportForm({ onImported }: { onImported: (p: ProcessingView) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setError(e);
      return;
    }
    setBusy(true);
    try {
      onImported(await api.importProcessing(parsed));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">
        <button type="button" className="secondary" aria-expanded={open} aria-controls="import-form" onClick={() => setOpen(!open)}>
          {open ? t.list.importClose : t.list.importOpen}
        </button>
      </h2>
      {open && (
        <form id="import-form" onSubmit={submit}>
          <label htmlFor="import-json">{t.list.importLabel}</label>
          <textarea id="import-json" rows={10} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" disabled={busy || text.trim() === ''}>
            {t.list.importSubmit}
          </button>
          <ErrorMessage error={error} />
        </form>
      )}
    </section>
  );
}
