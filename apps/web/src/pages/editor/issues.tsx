import { createContext, useContext, type ReactNode } from 'react';
import type { ApiIssue } from '../../api/client';

/**
 * Validation issues from the API, keyed by their path (`actions.2.settings.url`). Each field asks for
 * the issue at its own path, so the message shows next to the field that caused it.
 */
const IssuesContext = createContext<ApiIssue[]>([]);

export function IssuesProvider({ issues, children }: { issues: ApiIssue[]; children: ReactNode }) {
  return <IssuesContext.Provider value={issues}>{children}</IssuesContext.Provider>;
}

/** The message for exactly this path, or for anything inside it when `deep` (a list reports on its items). */
export function useIssue(path: string | undefined, deep = false): string | undefined {
  const issues = useContext(IssuesContext);
  if (!path) return undefined;
  const found = issues.filter((i) => i.path === path || (deep && i.path.startsWith(`${path}.`)));
  return found.length ? found.map((i) => i.message).join('; ') : undefined;
}

export function useIssuesUnder(prefix: string): ApiIssue[] {
  const issues = useContext(IssuesContext);
  return issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));
}
