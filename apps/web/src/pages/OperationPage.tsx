import { useCallback, useEffect, useState } from 'react';
import type { OperationDetail, OperationStatus, RawRequest, StepResult } from '@provod/contracts';
import { api, isAbort } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { JsonBlock, JsonDetails } from '../components/JsonView';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime, formatDuration, formatError, formatParams, operationDurationMs } from '../format';
import { useI18n } from '../i18n';
import { href } from '../router';

const REFRESH_MS = 5000;

/** Statuses that will not change by themselves, so there is nothing to poll for. */
const SETTLED: Record<OperationStatus, boolean> = {
  queued: false,
  running: false,
  held: false,
  succeeded: true,
  failed: true,
  discarded: true,
  duplicate: true,
};

export function OperationPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [operation, setOperation] = useState<OperationDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setOperation(await api.getOperation(id, signal));
        setError(null);
      } catch (e) {
        if (!isAbort(e)) setError(e);
      }
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const settled = operation ? (SETTLED[operation.status] ?? true) : true;
  useEffect(() => {
    if (settled) return;
    const controller = new AbortController();
    const timer = window.setInterval(() => {
      if (!document.hidden) void load(controller.signal);
    }, REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [settled, load]);

  if (!operation) {
    return (
      <>
        <p className="breadcrumbs">
          <a href={href.processings()}>{t.list.title}</a>
        </p>
        <ErrorMessage error={error} onRetry={() => void load()} />
        {!error && <p className="muted">{t.common.loading}</p>}
      </>
    );
  }

  const duration = operationDurationMs(operation.startedAt, operation.finishedAt);
  const params = formatParams(operation.params);

  return (
    <>
      <p className="breadcrumbs">
        <a href={href.processings()}>{t.list.title}</a>
        {' / '}
        <a href={href.operations(operation.processingId)}>{t.operation.backToHistory}</a>
      </p>
      <div className="title-row">
        <h1>
          {t.operation.title} {formatDateTime(operation.receivedAt, lang)}
        </h1>
        <StatusBadge kind="operation" status={operation.status} />
      </div>

      <ErrorMessage error={error} />

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t.operation.summary}</h2>
        <dl className="facts">
          <dt>{t.operations.received}</dt>
          <dd>{formatDateTime(operation.receivedAt, lang)}</dd>
          <dt>{t.operation.started}</dt>
          <dd>{formatDateTime(operation.startedAt, lang)}</dd>
          <dt>{t.operation.finished}</dt>
          <dd>{formatDateTime(operation.finishedAt, lang)}</dd>
          <dt>{t.operations.duration}</dt>
          <dd>{duration === null ? t.common.none : formatDuration(duration, t, lang)}</dd>
          <dt>{t.operations.params}</dt>
          <dd>{params ? <code>{params}</code> : t.common.none}</dd>
          <dt>{t.operation.attempts}</dt>
          <dd>{operation.attempts}</dd>
          <dt>{t.operation.version}</dt>
          <dd>{operation.processingVersion}</dd>
          {operation.error && (
            <>
              <dt>{t.operations.error}</dt>
              <dd className="error-cell">
                {formatError(operation.error)} <code className="muted">{operation.error.code}</code>
              </dd>
            </>
          )}
        </dl>
      </section>

      <RequestSection request={operation.request} />

      <section aria-labelledby="steps-title">
        <h2 id="steps-title">{t.operation.steps}</h2>
        {operation.steps.length === 0 ? (
          <p className="muted">{t.operation.noSteps}</p>
        ) : (
          <ol className="steps">
            {operation.steps.map((step, index) => (
              <Step key={`${step.actionId}-${step.attempt}-${index}`} step={step} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function RequestSection({ request }: { request: RawRequest }) {
  const { t } = useI18n();
  const base64 = request.bodyEncoding === 'base64';
  return (
    <section aria-labelledby="request-title">
      <h2 id="request-title">{t.operation.request}</h2>
      <dl className="facts">
        <dt>{t.operation.method}</dt>
        <dd>
          <code>{request.method}</code>
        </dd>
        <dt>{t.operation.contentType}</dt>
        <dd>{request.contentType ? <code>{request.contentType}</code> : t.common.none}</dd>
      </dl>
      <JsonDetails summary={t.operation.query} value={request.query} open />
      <JsonDetails summary={t.operation.headers} value={request.headers} />
      <details open>
        <summary>{t.operation.body}</summary>
        {base64 && <p className="muted">{t.operation.bodyBase64}</p>}
        {base64 || typeof request.body === 'string' || request.body === undefined || request.body === null ? (
          <pre className="json">{request.bodyText ?? t.common.none}</pre>
        ) : (
          <JsonBlock value={request.body} />
        )}
      </details>
    </section>
  );
}

function Step({ step }: { step: StepResult }) {
  const { t, lang } = useI18n();
  const failed = step.status === 'failed';
  return (
    <li className="step">
      <div className="step-head">
        <strong>{step.name}</strong>
        <code className="muted">{step.key}</code>
        <span>{t.actionType[step.type as keyof typeof t.actionType] ?? step.type}</span>
        <StatusBadge kind="step" status={step.status} />
        <span className="muted">{formatDuration(step.durationMs, t, lang)}</span>
        <span className="muted">
          {t.operation.attempt} {step.attempt}
        </span>
      </div>
      {step.error && <p className="error-cell">{step.error.message}</p>}
      <JsonDetails summary={t.operation.input} value={step.input} />
      {step.output !== undefined && <JsonDetails summary={t.operation.output} value={step.output} />}
      {step.error && <JsonDetails summary={t.operation.error} value={step.error} open={failed} />}
      {step.unresolved && step.unresolved.length > 0 && (
        <JsonDetails summary={t.operation.unresolved} value={step.unresolved} open />
      )}
    </li>
  );
}
