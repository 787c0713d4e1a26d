import {
  applyTemplate,
  normaliseAnswer,
  type AnswerProblem,
  type CreateProcessingInput,
  type TemplateFile,
  type WizardEntry,
  type WizardQuestion,
} from '@provod/contracts';

/** What the form holds: typed text per question, and for secret questions the saved secret picked ("" = a new value). */
export interface WizardForm {
  values: Record<string, string>;
  savedSecret: Record<string, string>;
  mapping: Record<string, string>;
}

export interface CheckedAnswers {
  answers: Record<string, string>;
  /** New secret values to store, by question id. */
  newSecrets: Record<string, string>;
  problems: Record<string, AnswerProblem>;
}

/** Every answer normalised, or the problem with it; secrets chosen from the saved list need no value. */
export function checkAnswers(file: TemplateFile, form: WizardForm): CheckedAnswers {
  const out: CheckedAnswers = { answers: {}, newSecrets: {}, problems: {} };
  for (const question of file.wizard.questions) {
    if (question.kind === 'secret' && form.savedSecret[question.id]) continue;
    const normal = normaliseAnswer(question, form.values[question.id] ?? '');
    if ('problem' in normal) {
      out.problems[question.id] = normal.problem;
      continue;
    }
    // A key's value goes to the secret store only, never into the steps or anywhere else.
    out.answers[question.id] = question.kind === 'secret' ? '' : normal.value;
    if (question.kind === 'secret' && normal.value) out.newSecrets[question.id] = normal.value;
    if (question.kind === 'secretUrl' && normal.secret) out.newSecrets[question.id] = normal.secret;
  }
  return out;
}

/** The first of NAME, NAME_2, NAME_3… not taken: a new key must never overwrite one another processing uses. */
export function freeSecretName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}_${n}`)) return `${wanted}_${n}`;
}

/** "U-ON → Envybox", then "U-ON → Envybox (2)": two processings from one template stay apart in the list. */
export function freeProcessingName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

export interface WizardPlan {
  /** Secrets to store first: name → value. */
  secrets: Record<string, string>;
  processing: CreateProcessingInput;
}

/** The secrets to store and the processing to create, from checked answers. Pure, so it is tested without a server. */
export function planProcessing(
  file: TemplateFile,
  entry: WizardEntry,
  form: WizardForm,
  checked: CheckedAnswers,
  existing: { secrets: string[]; processingNames: string[] },
): WizardPlan {
  const takenSecrets = new Set(existing.secrets);
  const secrets: Record<string, string> = {};
  const secretNames: Record<string, string> = {};
  for (const question of file.wizard.questions) {
    if (question.kind !== 'secret' && question.kind !== 'secretUrl') continue;
    const saved = form.savedSecret[question.id];
    if (saved) {
      secretNames[question.secret] = saved;
      continue;
    }
    const value = checked.newSecrets[question.id];
    if (value === undefined) continue;
    const name = freeSecretName(question.secret, takenSecrets);
    takenSecrets.add(name);
    secrets[name] = value;
    secretNames[question.secret] = name;
  }
  const name = freeProcessingName(entry.name, new Set(existing.processingNames));
  const result = applyTemplate(file, { answers: checked.answers, secretNames, mapping: form.mapping, name });
  return { secrets, processing: { name: result.name, source: result.source, actions: result.actions } };
}

/** Choice answers travel to the finish page in its address, so its texts fit them after a reload too. */
export function choiceQuery(questions: WizardQuestion[], answers: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const q of questions) if (q.kind === 'choice' && answers[q.id]) query.set(q.id, answers[q.id]!);
  const text = query.toString();
  return text ? `?${text}` : '';
}
