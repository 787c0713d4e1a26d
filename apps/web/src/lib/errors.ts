import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client';

/** Turns any failure into a sentence a non-developer can act on. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof ApiError) {
    if (error.status === 401) return t('errors.unauthorized');
    // The session guard's refusal by role: said in the interface's language, not the server's English.
    if (error.status === 403 && error.code === 'role_forbidden') return t('errors.role');
    if (error.status === 403) return error.message ? t('errors.forbiddenWith', { message: error.message }) : t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    if (error.status === 429) {
      return error.retryAfter !== null ? t('errors.tooManyWait', { seconds: error.retryAfter }) : t('errors.tooMany');
    }
    if (error.status >= 500) return error.message ? t('errors.serverWith', { message: error.message }) : t('errors.server');
    if (error.issues.length > 0 && !error.message) return t('errors.validation');
    return error.message || t('errors.http', { status: error.status });
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
