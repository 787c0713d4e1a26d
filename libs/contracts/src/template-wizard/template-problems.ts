import { getPath, mappingDefaults, readJsonTemplate } from './apply-template';
import type { TemplateFile } from './template-wizard.schema';

/**
 * What makes a template's wizard description disagree with its steps: a fill or mapping naming a
 * step or field that is not there, a `${answer}` with no question, a default mapping the list cannot
 * show. Shipped templates are checked by a test, so a typo fails the build instead of the user.
 */
export function templateProblems(file: TemplateFile): string[] {
  const problems: string[] = [];
  const { wizard } = file;
  const questionIds = new Set(wizard.questions.map((q) => q.id));
  const stepKeys = new Set(file.actions.map((a) => a.key));
  const allText = JSON.stringify(file.actions);

  const checkRefs = (where: string, text: string | undefined) => {
    for (const [, id] of (text ?? '').matchAll(/\$\{([a-z][a-z0-9_]*)\}/g)) {
      if (!questionIds.has(id!)) problems.push(`${where}: \${${id}} names no question`);
    }
  };
  const checkWhen = (where: string, when: Record<string, string> | undefined) => {
    for (const id of Object.keys(when ?? {})) if (!questionIds.has(id)) problems.push(`${where}: "when" names no question ${id}`);
  };

  wizard.fills.forEach((fill, index) => {
    const where = `fill ${index + 1}`;
    checkWhen(where, fill.when);
    const action = file.actions.find((a) => a.key === fill.action);
    if (!action) return problems.push(`${where}: no step "${fill.action}"`);
    const target = getPath(action, fill.path);
    if (target === undefined) problems.push(`${where}: step "${fill.action}" has nothing at ${fill.path}`);
    const kinds = [fill.replace !== undefined, fill.set !== undefined, fill.json !== undefined].filter(Boolean).length;
    if (kinds !== 1) problems.push(`${where}: give exactly one of replace, set, json`);
    if (fill.replace !== undefined && !JSON.stringify(target).includes(JSON.stringify(fill.replace).slice(1, -1))) {
      problems.push(`${where}: "${fill.replace}" does not occur in ${fill.action}.${fill.path}`);
    }
    if (fill.json !== undefined) {
      try {
        readJsonTemplate(file, fill.action, fill.path);
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
    checkRefs(where, fill.with ?? fill.set ?? fill.value);
  });

  for (const question of wizard.questions) {
    if ((question.kind === 'secret' || question.kind === 'secretUrl') && !allText.includes(`secrets.${question.secret}`)) {
      problems.push(`question ${question.id}: no step uses secrets.${question.secret}`);
    }
    if (question.kind === 'choice' && !question.options.some((o) => o.value === question.default)) {
      problems.push(`question ${question.id}: the default is not an option`);
    }
  }

  for (const entry of wizard.entries) {
    for (const id of Object.keys(entry.answers)) if (!questionIds.has(id)) problems.push(`entry ${entry.id}: no question ${id}`);
  }

  if (wizard.mapping) {
    const mapping = wizard.mapping;
    if (!stepKeys.has(mapping.action)) problems.push(`mapping: no step "${mapping.action}"`);
    else {
      try {
        const defaults = mappingDefaults(file, mapping);
        for (const row of mapping.rows) {
          const value = defaults[row.json] ?? '';
          if (!mapping.sources.some((s) => s.value === value)) problems.push(`mapping: row ${row.json} starts as "${value}", which is not in the list`);
        }
      } catch (error) {
        problems.push(`mapping: ${(error as Error).message}`);
      }
    }
    mapping.sources.forEach((s, i) => checkWhen(`mapping source ${i + 1}`, s.when));
  }

  if (!stepKeys.has(wizard.testEvent.write)) problems.push(`testEvent: no step "${wizard.testEvent.write}"`);
  wizard.testEvent.query.forEach((q, i) => checkWhen(`testEvent query ${i + 1}`, q.when));
  return problems;
}
