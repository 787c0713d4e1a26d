import { useTranslation } from 'react-i18next';
import type { JsonProblem } from '@provod/contracts';

/** "Line 3, column 5: a comma or a closing bracket is missing" in the interface language. */
export function useJsonProblemText(): (problem: JsonProblem) => string {
  const { t } = useTranslation();
  return (problem) =>
    t('json.at', {
      line: problem.line,
      column: problem.column,
      reason: t(`json.${problem.code}`, { char: problem.char ?? '' }),
    });
}
