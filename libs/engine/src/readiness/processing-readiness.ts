import { checkJson, type Action, type LocalizedText, type ReadinessCode, type ReadinessProblem, type WebhookSource } from '@provod/contracts';
import { isStepFailure } from '../step-failure';
import { jsonProblemReason, listReferences } from '../template';
import { readinessText } from './readiness.messages';
import { ACTION_SHAPES, settingTexts } from './template-fields';

export interface ReadinessInput {
  source: WebhookSource;
  actions: readonly Action[];
}

export interface ReadinessContext {
  /** Names of the secrets the workspace has. */
  secretNames: ReadonlySet<string>;
  /** Whether the server has a mail server (SMTP_URL); not checked when absent. */
  mailConfigured?: boolean;
}

/** Scope names that are always there (see Scope). */
const BUILT_IN_ROOTS = new Set(['source', 'event', 'secrets']);
/** Upper-case words templates use for "put yours here" in a host. */
const PLACEHOLDER_WORDS = /ACCOUNT|SUBDOMAIN|DOMAIN|YOUR[_-]?[A-Z]/;
/** Host labels only documentation uses. */
const PLACEHOLDER_LABELS = new Set(['example', 'your-account', 'youraccount', 'your-domain', 'yourdomain']);
/** The host part of `scheme://user@host:port/…`, without the user. */
const URL_HOST = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)/;
/** One `{{…}}` expression; it cannot nest, so this is linear. */
const EXPRESSION = /\{\{[^{}]*\}\}/g;

/**
 * Lists what would make a processing fail on every event, before it starts: missing secrets, hosts
 * left as placeholders, references to steps, outputs or parameters that do not exist, templates that
 * do not parse, JSON templates that are not JSON. Pure: the caller supplies the secret names.
 */
export function checkReadiness(definition: ReadinessInput, context: ReadinessContext): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  const parameters = definition.source.parameters.map((p) => p.name);
  const keyIndex = new Map(definition.actions.map((a, i) => [a.key, i] as const));

  if (definition.actions.length === 0) {
    problems.push({ code: 'no_actions', step: null, stepName: null, field: 'actions', path: 'actions', message: readinessText.noActions() });
  }

  const dedupKey = definition.source.dedup?.key;
  if (dedupKey) {
    const at = { step: null, stepName: null, field: 'source.dedup.key', path: 'source.dedup.key' };
    checkTemplate(dedupKey, -1, at);
  }

  definition.actions.forEach((action, index) => {
    const shape = ACTION_SHAPES[action.type];
    if (shape.needsMail && context.mailConfigured === false) {
      add('mail_not_configured', { step: action.key, stepName: action.name, field: 'settings.to', path: `actions.${index}.settings.to` }, readinessText.mailNotConfigured());
    }
    for (const { field, text } of settingTexts(action)) {
      const at = { step: action.key, stepName: action.name, field, path: `actions.${index}.${field}` };
      if (shape.jsonFields.includes(field)) checkJsonTemplate(text, index, at);
      else checkTemplate(text, index, at);
      if (shape.urlFields.includes(field)) checkHost(text, at);
    }
  });
  return problems;

  function add(code: ReadinessCode, at: Omit<ReadinessProblem, 'code' | 'message'>, message: LocalizedText): void {
    problems.push({ code, ...at, message });
  }

  function checkJsonTemplate(text: string, stepIndex: number, at: Omit<ReadinessProblem, 'code' | 'message'>): void {
    if (isWholeExpression(text)) return checkTemplate(text, stepIndex, at);
    const problem = checkJson(text);
    if (problem) return add('invalid_json', at, readinessText.invalidJson(jsonProblemReason(text, problem), problem.line, problem.column));
    for (const leaf of jsonStrings(JSON.parse(text) as unknown)) checkTemplate(leaf, stepIndex, at);
  }

  function checkTemplate(text: string, stepIndex: number, at: Omit<ReadinessProblem, 'code' | 'message'>): void {
    if (!text.includes('{{')) return;
    let references: string[];
    try {
      references = listReferences(text);
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      return add('invalid_template', at, readinessText.invalidTemplate(error.message));
    }
    for (const ref of references) checkReference(ref, stepIndex, at);
  }

  function checkReference(ref: string, stepIndex: number, at: Omit<ReadinessProblem, 'code' | 'message'>): void {
    const [root = '', second] = segments(ref);
    if (root === '' || root === 'this' || root === 'event') return;
    if (root === 'secrets') {
      if (second !== undefined && !context.secretNames.has(second)) add('missing_secret', at, readinessText.missingSecret(second));
      return;
    }
    if (root === 'source') {
      if (second !== undefined && !parameters.includes(second)) add('unknown_parameter', at, readinessText.unknownParameter(ref, second, parameters));
      return;
    }
    if (BUILT_IN_ROOTS.has(root)) return;
    const target = keyIndex.get(root);
    if (target === undefined) return add('unknown_step', at, readinessText.unknownStep(ref, root));
    // The dedup key is rendered at the webhook, before any step ran.
    if (stepIndex < 0 || target >= stepIndex) return add('later_step', at, readinessText.laterStep(ref, root));
    const step = definition.actions[target] as Action;
    const outputs = ACTION_SHAPES[step.type].outputs(step);
    if (second !== undefined && outputs && !outputs.includes(second)) add('unknown_output', at, readinessText.unknownOutput(ref, root, outputs));
  }

  function checkHost(url: string, at: Omit<ReadinessProblem, 'code' | 'message'>): void {
    const host = URL_HOST.exec(url)?.[1];
    if (host === undefined) return;
    // What a template puts in the host is the user's choice (checked as a reference): only the literal text is judged.
    const literal = host.replace(EXPRESSION, 'x');
    const labels = literal.toLowerCase().split(/[.:]/);
    const placeholder =
      literal === '' ||
      literal.startsWith('.') ||
      /[<>{}[\]]/.test(literal) ||
      PLACEHOLDER_WORDS.test(literal) ||
      labels.some((label) => PLACEHOLDER_LABELS.has(label));
    if (placeholder) add('placeholder_host', at, readinessText.placeholderHost(host || url));
  }
}

/** The renderer's rule (json-template.renderer): a body that is one `{{ }}` is a value, not JSON text. */
function isWholeExpression(template: string): boolean {
  const trimmed = template.trim();
  return trimmed.startsWith('{{') && trimmed.endsWith('}}') && trimmed.indexOf('}}') === trimmed.length - 2;
}

/** `fetch.body.request.[0].id` → fetch, body, request, 0, id. */
function segments(ref: string): string[] {
  return ref.split('.').map((part) => (part.startsWith('[') && part.endsWith(']') ? part.slice(1, -1) : part));
}

/** String leaves and keys of a parsed JSON template, where its templates are, in document order (breadth first). */
function jsonStrings(tree: unknown): string[] {
  const found: string[] = [];
  const queue: unknown[] = [tree];
  for (let i = 0; i < queue.length; i += 1) {
    const node = queue[i];
    if (typeof node === 'string') found.push(node);
    else if (Array.isArray(node)) queue.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        found.push(key);
        queue.push(value);
      }
    }
  }
  return found;
}
