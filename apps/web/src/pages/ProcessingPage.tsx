import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ProcessingView } from '@provod/contracts';
import { api, isAbort, webhookUrl } from '../api';
import { CopyButton } from '../components/CopyButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { href } from '../router';

/** Only what PUT accepts: ids, tokens and timestamps are not the user's to edit. */
function editableJson(p: ProcessingView): string {
  return JSON.stringify({ name: p.name, source: p.source, actions: p.actions }, null, 2);
}

export function ProcessingPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<ProcessingView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoadError(null);
      try {
        const loaded = await api.getProcessing(id, signal);
        setView(loaded);
        setText(editableJson(loaded));
      } catch (error) {
        if (!isAbort(error)) setLoadError(error);
      }
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaveError(null);
    setSavedVersion(null);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      setSaveError(error);
      return;
    }
    setSaving(true);
    try {
      const updated = await api.updateProcessing(id, definition);
      setView(updated);
      setText(editableJson(updated));
      setSavedVersion(updated.version);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  }

  if (!view) {
    return (
      <>
        <p className="breadcrumbs">
          <a href={href.processings()}>{t.list.title}</a>
        </p>
        <ErrorMessage error={loadError} onRetry={() => void load()} />
        {!loadError && <p className="muted">{t.common.loading}</p>}
      </>
    );
  }

  const url = webhookUrl(view.webhookToken);
  const dirty = text !== editableJson(view);

  return (
    <>
      <p className="breadcrumbs">
        <a href={href.processings()}>{t.list.title}</a>
      </p>
      <div className="title-row">
        <h1>{view.name}</h1>
        <StatusBadge kind="processing" status={view.status} />
        <span className="muted">
          {t.processing.version} {view.version}
        </span>
        <a className="push-right" href={href.operations(view.id)}>
          {t.processing.history}
        </a>
      </div>

      <div className="webhook">
        <label htmlFor="webhook-url">{t.list.webhook}</label>
        <input id="webhook-url" type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={url} label={`${t.list.copy}: ${t.list.webhook}`} />
      </div>

      <section aria-labelledby="source-title">
        <h2 id="source-title">{t.processing.source}</h2>
        <p>
          {t.processing.methods}: <code>{view.source.methods.join(', ')}</code>
        </p>
        <h3>{t.processing.parameters}</h3>
        {view.source.parameters.length === 0 ? (
          <p className="muted">{t.processing.noParameters}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.processing.paramName}</th>
                <th scope="col">{t.processing.paramKeys}</th>
              </tr>
            </thead>
            <tbody>
              {view.source.parameters.map((param, index) => (
                <tr key={index}>
                  <td>
                    <code>{param.name}</code>
                  </td>
                  <td>
                    <code>{(param.keys?.length ? param.keys : [param.name]).join(', ')}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t.processing.actions}</h2>
        {view.actions.length === 0 ? (
          <p className="muted">{t.processing.noActions}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.processing.actionType}</th>
                <th scope="col">{t.processing.actionName}</th>
                <th scope="col">{t.processing.actionKey}</th>
              </tr>
            </thead>
            <tbody>
              {view.actions.map((action, index) => (
                <tr key={action.id}>
                  <td>{index + 1}</td>
                  <td>
                    {t.actionType[action.type] ?? action.type} <code className="muted">{action.type}</code>
                  </td>
                  <td>{action.name}</td>
                  <td>
                    <code>{action.key}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="editor-title">
        <h2 id="editor-title">{t.processing.editor}</h2>
        <form onSubmit={save} className="editor">
          <label htmlFor="processing-json">{t.processing.editorLabel}</label>
          <textarea
            id="processing-json"
            rows={24}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSavedVersion(null);
            }}
          />
          <div className="inline">
            <button type="submit" disabled={saving || !dirty}>
              {t.processing.save}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={saving || !dirty}
              onClick={() => {
                setText(editableJson(view));
                setSaveError(null);
              }}
            >
              {t.processing.reset}
            </button>
            <span role="status" className="ok">
              {savedVersion !== null ? t.processing.saved(savedVersion) : ''}
            </span>
          </div>
          <ErrorMessage error={saveError} />
        </form>
      </section>
    </>
  );
}
