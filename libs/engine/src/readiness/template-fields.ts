import type { Action, ActionType } from '@provod/contracts';

/** A string setting and where it sits: `settings.headers.0.value`. */
export interface SettingText {
  field: string;
  text: string;
}

/** How the check reads each action type: which settings are JSON templates, URLs, and what a step gives later steps. */
interface ActionShape {
  /** Settings holding a JSON document whose string leaves are templates. */
  jsonFields: readonly string[];
  urlFields: readonly string[];
  /** The names a later step may put after the step's key, or null when any name may exist (a composed document). */
  outputs: (action: Action) => readonly string[] | null;
  /** The step sends e-mail: starting it needs SMTP_URL. */
  needsMail?: boolean;
}

/** Typed by action type, so a new type cannot be forgotten here. */
export const ACTION_SHAPES: Record<ActionType, ActionShape> = {
  http_request: { jsonFields: ['settings.body.template'], urlFields: ['settings.url'], outputs: () => ['status', 'headers', 'body'] },
  json_parser: {
    jsonFields: [],
    urlFields: [],
    outputs: (action) => (action.type === 'json_parser' ? action.settings.fields.map((f) => f.name) : null),
  },
  json_composer: { jsonFields: ['settings.template'], urlFields: [], outputs: () => null },
  filter: { jsonFields: [], urlFields: [], outputs: () => ['passed', 'match', 'conditions', 'failed'] },
  send_email: { jsonFields: [], urlFields: [], outputs: () => ['messageId', 'accepted', 'response'], needsMail: true },
};

/** Every string inside a step's settings, with its dotted place. Settings are small, bounded by the schema. */
export function settingTexts(action: Action): SettingText[] {
  const found: SettingText[] = [];
  const walk = (node: unknown, field: string): void => {
    if (typeof node === 'string') found.push({ field, text: node });
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${field}.${i}`));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${field}.${k}`);
  };
  walk(action.settings, 'settings');
  return found;
}
