import { IconBraces, IconFilter, IconListSearch, IconMail, IconWorldUpload, type Icon } from '@tabler/icons-react';
import { ACTION_TYPES, type Action, type ActionOf, type ActionType } from '@provod/contracts';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { FilterForm } from './FilterForm';
import { HttpRequestForm } from './HttpRequestForm';
import { JsonComposerForm } from './JsonComposerForm';
import { JsonParserForm } from './JsonParserForm';
import { SendEmailForm } from './SendEmailForm';

export interface ActionFormProps<T extends ActionType> {
  action: ActionOf<T>;
  onChange: (action: ActionOf<T>) => void;
  /** Where this step's settings sit in the saved document, e.g. `actions.3.settings`. */
  path: string;
}

/** What the editor shows for one action type. */
export interface ActionUi<T extends ActionType> {
  icon: Icon;
  color: string;
  Form: (props: ActionFormProps<T>) => ReactElement;
  /** One line on the collapsed card. */
  summary: (action: ActionOf<T>, t: TFunction) => string;
  /** The composer previews its result live; the other forms show the last test under them. */
  showsLastResult: boolean;
}

/** One entry per action type: the compiler refuses a type without its form, icon and summary. */
export const ACTION_UI: { [T in ActionType]: ActionUi<T> } = {
  http_request: {
    icon: IconWorldUpload,
    color: 'blue',
    Form: ({ action, onChange, path }) => <HttpRequestForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    summary: (action) => `${action.settings.method} ${action.settings.url}`,
    showsLastResult: true,
  },
  json_parser: {
    icon: IconListSearch,
    color: 'grape',
    Form: ({ action, onChange, path }) => <JsonParserForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    summary: (action, t) => t('editor.summaryFields', { count: action.settings.fields.length, input: action.settings.input }),
    showsLastResult: true,
  },
  json_composer: {
    icon: IconBraces,
    color: 'orange',
    Form: ({ action, onChange, path }) => (
      <JsonComposerForm actionId={action.id} settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />
    ),
    summary: (action) => action.settings.template.replace(/\s+/g, ' ').slice(0, 120),
    showsLastResult: false,
  },
  filter: {
    icon: IconFilter,
    color: 'cyan',
    Form: ({ action, onChange, path }) => <FilterForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    summary: (action, t) =>
      action.settings.conditions
        .map((c) => [c.left, t(`filter.op.${c.operator}`), c.operator === 'is_empty' || c.operator === 'is_not_empty' ? '' : c.right].filter(Boolean).join(' '))
        .join(action.settings.match === 'all' ? ` ${t('filter.and')} ` : ` ${t('filter.or')} `)
        .slice(0, 160),
    showsLastResult: true,
  },
  send_email: {
    icon: IconMail,
    color: 'indigo',
    Form: ({ action, onChange, path }) => <SendEmailForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    summary: (action) => `${action.settings.to} — ${action.settings.subject}`.slice(0, 160),
    showsLastResult: true,
  },
};

/** The entry for an action whose type is only known at run time. */
export function uiOf(action: Action): ActionUi<ActionType> {
  return ACTION_UI[action.type] as unknown as ActionUi<ActionType>;
}

export const ACTION_ICONS: { [T in ActionType]: Icon } = Object.fromEntries(ACTION_TYPES.map((type) => [type, ACTION_UI[type].icon])) as { [T in ActionType]: Icon };

export { ACTION_TYPES };
