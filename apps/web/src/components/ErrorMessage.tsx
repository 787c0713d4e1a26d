import { ApiError, NetworkError } from '../api';
import { useI18n } from '../i18n';

interface Props {
  error: unknown;
  onRetry?: () => void;
}

export function ErrorMessage({ error, onRetry }: Props) {
  const { t } = useI18n();
  if (!error) return null;

  let message: string;
  let issues: ApiError['issues'] = [];
  if (error instanceof NetworkError) {
    message = t.common.networkError;
  } else if (error instanceof ApiError) {
    message = error.message || t.common.httpError(error.status);
    issues = error.issues;
  } else if (error instanceof SyntaxError) {
    message = t.common.invalidJson(error.message);
  } else {
    message = error instanceof Error ? error.message : String(error);
  }

  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {issues.length > 0 && (
        <>
          <p>{t.common.validationIssues}</p>
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>
                {issue.path && <code>{issue.path}</code>} {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}
