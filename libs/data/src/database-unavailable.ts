/**
 * SQLSTATE classes and codes that mean "the database is not there right now" rather than "this
 * statement is wrong": connection exceptions (08…), the server shutting down or starting (57P01–57P03),
 * too many connections, and a standby that cannot take writes yet.
 */
const UNAVAILABLE_SQLSTATE = /^(08\d{3}|57P0[123]|53300|25006)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a lost or never-made connection in words, without a code.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Connection ended|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when `error` says PostgreSQL could not be reached or dropped the connection: waiting and trying
 * again is the right answer. Anything else (a constraint, a bug in a statement) is not.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5 && !seen.has(current); depth += 1) {
    seen.add(current);
    const record = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string' && (UNAVAILABLE_SQLSTATE.test(record.code) || UNAVAILABLE_ERRNO.has(record.code))) return true;
    if (typeof record.message === 'string' && UNAVAILABLE_MESSAGE.test(record.message)) return true;
    if (Array.isArray(record.errors) && record.errors.some((item) => isDatabaseUnavailable(item))) return true;
    current = record.driverError ?? record.cause;
  }
  return false;
}
