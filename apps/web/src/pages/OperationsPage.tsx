import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import type { OperationStatus, OperationSummary } from '@provod/contracts';
import { api, isAbort } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime, formatDuration, formatError, formatParams, operationDurationMs } from '../format';
import { useI18n } from '../i18n';
import { href, navigate } from '../router';

const REFRESH_MS = 5000;

export function OperationsPage({ processingId }: { processingId: string }) {
  const { t, lang } = useI18n();
  const [name, setName] = useState<string | null>(null);
  const [status, setStatus] = useState<OperationStatus | ''>('');
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [items, setItems] = useState<OperationSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  // Once older pages are shown, a refresh must not throw them away: it only brings the newest page up to date.
  const extended = useRef(false);
  const moreRequest = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .getProcessing(processingId, controller.signal)
      .then((p) => setName(p.name))
      .catch(() => undefined);
    return () => controller.abort();
  }, [processingId]);

  const refresh = useCallback(
    async (signal: AbortSignal) => {
      try {
        const page = await api.listOperations(processingId, { status: status || undefined }, signal);
        setError(null);
        setUpdatedAt(new Date());
        if (extended.current) {
          const fresh = new Set(page.items.map((op) => op.id));
          setItems((current) => [...page.items, ...(current ?? []).filter((op) => !fresh.has(op.id))]);
        } else {
          setItems(page.items);
          setNextCursor(page.nextCursor);
        }
      } catch (e) {
        if (!isAbort(e)) setError(e);
      }
    },
    [processingId, status],
  );

  useEffect(() => {
    extended.current = false;
    setItems(null);
    setNextCursor(null);
    setError(null);
    const controller = new AbortController();
    void refresh(controller.signal);
    return () => {
      controller.abort();
      moreRequest.current?.abort();
    };
  }, [refresh]);

  useEffect(() => {
    if (!autoRefresh) return;
    const controller = new AbortController();
    let inFlight = false;
    const timer = window.setInterval(async () => {
      // A slow API must not pile up requests, and a background tab has no one to show them to.
      if (inFlight || document.hidden) return;
      inFlight = true;
      await refresh(controller.signal);
      inFlight = false;
    }, REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [autoRefresh, refresh]);

  async function loadMore() {
    if (!nextCursor) return;
    const controller = new AbortController();
    moreRequest.current = controller;
    setLoadingMore(true);
    try {
      const page = await api.listOperations(processingId, { status: status || undefined, cursor: nextCursor }, controller.signal);
      extended.current = true;
      setItems((current) => {
        const known = new Set((current ?? []).map((op) => op.id));
        return [...(current ?? []), ...page.items.filter((op) => !known.has(op.id))];
      });
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (!isAbort(e)) setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  function openRow(event: MouseEvent<HTMLTableRowElement>, id: string) {
    // The link inside the row navigates by itself; selecting text in a cell should not navigate at all.
    if ((event.target as HTMLElement).closest('a') || window.getSelection()?.toString()) return;
    navigate(href.operation(id));
  }

  const statuses = Object.keys(t.operationStatus) as OperationStatus[];

  return (
    <>
      <p className="breadcrumbs">
        <a href={href.processings()}>{t.list.title}</a>
        {' / '}
        <a href={href.processing(processingId)}>{name ?? processingId}</a>
      </p>
      <h1>{t.operations.title}</h1>

      <div className="toolbar">
        <label htmlFor="status-filter">{t.operations.filter}</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.target.value as OperationStatus | '')}>
          <option value="">{t.operations.allStatuses}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t.operationStatus[s]}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={autoRefresh} onChange={(e) => setAutoRefresh(e.target.checked)} />
          {t.operations.autoRefresh}
        </label>
        {updatedAt && <span className="muted">{t.operations.updatedAt(updatedAt.toLocaleTimeString(lang))}</span>}
      </div>

      <ErrorMessage error={error} onRetry={() => void refresh(new AbortController().signal)} />

      {items === null && !error && <p className="muted">{t.common.loading}</p>}
      {items !== null && items.length === 0 && <p className="muted">{t.operations.empty}</p>}
      {items !== null && items.length > 0 && (
        <div className="table-wrap">
          <table className="operations">
            <thead>
              <tr>
                <th scope="col">{t.operations.status}</th>
                <th scope="col">{t.operations.received}</th>
                <th scope="col">{t.operations.duration}</th>
                <th scope="col">{t.operations.params}</th>
                <th scope="col">{t.operations.error}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((op) => {
                const received = formatDateTime(op.receivedAt, lang);
                const duration = operationDurationMs(op.startedAt, op.finishedAt);
                return (
                  <tr key={op.id} className="clickable" onClick={(e) => openRow(e, op.id)}>
                    <td>
                      <StatusBadge kind="operation" status={op.status} />
                    </td>
                    <td>
                      <a href={href.operation(op.id)} aria-label={t.operations.open(received)}>
                        {received}
                      </a>
                    </td>
                    <td className="num">{duration === null ? t.common.none : formatDuration(duration, t, lang)}</td>
                    <td>
                      <code>{formatParams(op.params)}</code>
                    </td>
                    <td className="error-cell">{formatError(op.error)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {nextCursor && (
        <p>
          <button type="button" className="secondary" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? t.common.loading : t.operations.more}
          </button>
        </p>
      )}
    </>
  );
}
