import { IconBraces, IconListSearch, IconWorldUpload, type Icon } from '@tabler/icons-react';
import { ACTION_TYPES, type ActionType } from '@provod/contracts';

export const ACTION_ICONS: Record<ActionType, Icon> = {
  http_request: IconWorldUpload,
  json_parser: IconListSearch,
  json_composer: IconBraces,
};

export { ACTION_TYPES };
