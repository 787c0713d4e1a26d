import { IconBraces, IconFilter, IconListSearch, IconMail, IconWorldUpload, type Icon } from '@tabler/icons-react';
import { ACTION_TYPES, type Action, type ActionOf, type ActionType } from '@provod/contracts';
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
  /** The composer previews its result live; the other forms show the last test under them. */
  showsLastResult: boolean;
}

/**
 * One entry per action type: the compiler refuses a type without its form and icon. What else differs
 * by type (new-step defaults, field picker, summaries, whether it writes) is in `src/actions`.
 */
export const ACTION_UI: { [T in ActionType]: ActionUi<T> } = {
  http_request: {
    icon: IconWorldUpload,
    color: 'blue',
    Form: ({ action, onChange, path }) => <HttpRequestForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    showsLastResult: true,
  },
  json_parser: {
    icon: IconListSearch,
    color: 'grape',
    Form: ({ action, onChange, path }) => <JsonParserForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    showsLastResult: true,
  },
  json_composer: {
    icon: IconBraces,
    color: 'orange',
    Form: ({ action, onChange, path }) => (
      <JsonComposerForm actionId={action.id} settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />
    ),
    showsLastResult: false,
  },
  filter: {
    icon: IconFilter,
    color: 'cyan',
    Form: ({ action, onChange, path }) => <FilterForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    showsLastResult: true,
  },
  send_email: {
    icon: IconMail,
    color: 'indigo',
    Form: ({ action, onChange, path }) => <SendEmailForm settings={action.settings} onChange={(settings) => onChange({ ...action, settings })} path={path} />,
    showsLastResult: true,
  },
};

/** The entry for an action whose type is only known at run time. */
export function uiOf(action: Action): ActionUi<ActionType> {
  return ACTION_UI[action.type] as unknown as ActionUi<ActionType>;
}

export const ACTION_ICONS: { [T in ActionType]: Icon } = Object.fromEntries(ACTION_TYPES.map((type) => [type, ACTION_UI[type].icon])) as { [T in ActionType]: Icon };

export { ACTION_TYPES };
