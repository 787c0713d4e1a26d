import type { Action } from '../actions';
import type { WebhookSource } from '../processing.schema';
import type {
  ConditionalText,
  LocalText,
  TemplateFile,
  WizardCondition,
  WizardMapping,
  WizardQuestion,
} from './template-wizard.schema';

/** What a wizard answer can be wrong about; the web app words each one. */
export type AnswerProblem = 'required' | 'address' | 'url' | 'pattern' | 'number' | 'braces' | 'secretUrl';

export type NormalisedAnswer = { value: string; secret?: string } | { problem: AnswerProblem };

export function conditionHolds(when: WizardCondition, answers: Record<string, string>): boolean {
  return Object.entries(when ?? {}).every(([id, value]) => answers[id] === value);
}

/** The variant of a text that fits the answers given so far. */
export function textFor(text: ConditionalText, answers: Record<string, string>): LocalText {
  if (!Array.isArray(text)) return text;
  return text.find((t) => conditionHolds(t.when, answers)) ?? text[text.length - 1]!;
}

/**
 * Turns what the user typed into what goes into the steps, or names the problem. Answers become part
 * of templates, so `{{` in them is refused rather than silently becoming a reference.
 */
export function normaliseAnswer(question: WizardQuestion, raw: string): NormalisedAnswer {
  const text = raw.trim();
  if (!text) {
    if ('default' in question && question.default && question.kind !== 'choice') return normaliseAnswer(question, question.default);
    if (question.kind === 'choice') return { value: question.default };
    return question.optional ? { value: '' } : { problem: 'required' };
  }
  if (question.kind === 'secret') return { value: text };
  if (text.includes('{{') || text.includes('}}')) return { problem: 'braces' };
  switch (question.kind) {
    case 'choice':
      return question.options.some((o) => o.value === text) ? { value: text } : { value: question.default };
    case 'address': {
      const withHost = !/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && question.domain && !text.includes('.') ? `${text}.${question.domain}` : text;
      const url = parseHttpUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(withHost) ? withHost : `https://${withHost}`);
      return url ? { value: url.origin } : { problem: 'address' };
    }
    case 'url':
      return parseHttpUrl(text) ? { value: text } : { problem: 'url' };
    case 'secretUrl': {
      const url = parseHttpUrl(text);
      if (!url) return { problem: 'url' };
      const segments = url.pathname.split('/').filter(Boolean);
      if (segments.length > 0 && segments[segments.length - 1]!.includes('.')) segments.pop();
      const secret = segments.pop();
      if (!secret || segments.length === 0) return { problem: 'secretUrl' };
      return { value: `${url.origin}/${segments.join('/')}/`, secret: decodeURIComponent(secret) };
    }
    case 'number':
      return /^\d{1,15}$/.test(text) ? { value: text } : { problem: 'number' };
    case 'text':
      return !question.pattern || new RegExp(question.pattern).test(text) ? { value: text } : { problem: 'pattern' };
  }
}

function parseHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : null;
  } catch {
    return null;
  }
}

export interface WizardResult {
  name: string;
  source: WebhookSource;
  actions: Action[];
}

export interface WizardAnswers {
  /** Normalised answers by question id (choices included). */
  answers: Record<string, string>;
  /** The secret each secret question ended up using, by the name the template uses. */
  secretNames?: Record<string, string>;
  /** The source chosen for each mapping row (by the row's `json` key); "" leaves the field out. */
  mapping?: Record<string, string>;
  name?: string;
}

/** The processing the answers make: fills applied, mapping written, secrets renamed. Pure. */
export function applyTemplate(file: TemplateFile, input: WizardAnswers): WizardResult {
  const actions = structuredClone(file.actions) as Action[];
  const byKey = (key: string) => {
    const action = actions.find((a) => a.key === key);
    if (!action) throw new Error(`The template has no step "${key}"`);
    return action as unknown as Record<string, unknown>;
  };
  const interpolate = (text: string) => {
    let missing = false;
    const value = text.replace(/\$\{([a-z][a-z0-9_]*)\}/g, (_, id: string) => {
      const answer = input.answers[id] ?? '';
      if (!answer) missing = true;
      return answer;
    });
    return { value, missing };
  };

  for (const fill of file.wizard.fills) {
    if (!conditionHolds(fill.when, input.answers)) continue;
    const action = byKey(fill.action);
    if (fill.replace !== undefined) {
      const replacement = interpolate(fill.with ?? '');
      if (replacement.missing) continue;
      setPath(action, fill.path, replaceInLeaves(getPath(action, fill.path), fill.replace, replacement.value));
    } else if (fill.set !== undefined) {
      const value = interpolate(fill.set);
      if (!value.missing) setPath(action, fill.path, value.value);
    } else if (fill.json !== undefined) {
      const value = interpolate(fill.value ?? '');
      editJsonTemplate(action, fill.path, (doc) =>
        value.missing ? deletePath(doc, fill.json!) : setPath(doc, fill.json!, fill.as === 'number' ? Number(value.value) : value.value),
      );
    }
  }

  const mapping = file.wizard.mapping;
  if (mapping && input.mapping) {
    editJsonTemplate(byKey(mapping.action), mapping.path, (doc) => {
      for (const row of mapping.rows) {
        const chosen = input.mapping![row.json];
        if (chosen === undefined) continue;
        if (chosen === '') deletePath(doc, row.json);
        else setPath(doc, row.json, chosen);
      }
    });
  }

  let result: unknown = actions;
  for (const [from, to] of Object.entries(input.secretNames ?? {})) {
    if (from === to) continue;
    result = mapLeaves(result, (text) => text.replace(new RegExp(`\\bsecrets\\.${from}\\b`, 'g'), `secrets.${to}`));
  }
  return { name: input.name ?? file.name, source: structuredClone(file.source), actions: result as Action[] };
}

/** The source each mapping row has in the template as shipped ("" when the row's key is absent). */
export function mappingDefaults(file: TemplateFile, mapping: WizardMapping): Record<string, string> {
  const doc = readJsonTemplate(file, mapping.action, mapping.path);
  return Object.fromEntries(
    mapping.rows.map((row) => {
      const value = getPath(doc, row.json);
      return [row.json, typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)];
    }),
  );
}

export function readJsonTemplate(file: TemplateFile, actionKey: string, path: string): unknown {
  const action = file.actions.find((a) => a.key === actionKey);
  const text = action ? getPath(action, path) : undefined;
  if (typeof text !== 'string') throw new Error(`The template's step "${actionKey}" has no JSON at ${path}`);
  return JSON.parse(text) as unknown;
}

function editJsonTemplate(action: Record<string, unknown>, path: string, edit: (doc: unknown) => void): void {
  const text = getPath(action, path);
  if (typeof text !== 'string') throw new Error(`No JSON template at ${path}`);
  const doc = JSON.parse(text) as unknown;
  edit(doc);
  setPath(action, path, JSON.stringify(doc, null, 2));
}

const segmentsOf = (path: string) => path.split('.');

export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const segment of segmentsOf(path)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function setPath(root: unknown, path: string, value: unknown): void {
  const segments = segmentsOf(path);
  let node = root as Record<string, unknown>;
  segments.slice(0, -1).forEach((segment, index) => {
    if (node[segment] === null || typeof node[segment] !== 'object') node[segment] = /^\d+$/.test(segments[index + 1]!) ? [] : {};
    node = node[segment] as Record<string, unknown>;
  });
  node[segments[segments.length - 1]!] = value;
}

function deletePath(root: unknown, path: string): void {
  const segments = segmentsOf(path);
  const owner = segments.length === 1 ? root : getPath(root, segments.slice(0, -1).join('.'));
  if (owner && typeof owner === 'object') delete (owner as Record<string, unknown>)[segments[segments.length - 1]!];
}

function replaceInLeaves(value: unknown, what: string, by: string): unknown {
  return mapLeaves(value, (text) => text.replaceAll(what, by));
}

function mapLeaves(value: unknown, change: (text: string) => string): unknown {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value)) return value.map((item) => mapLeaves(item, change));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapLeaves(item, change)]));
  }
  return value;
}
