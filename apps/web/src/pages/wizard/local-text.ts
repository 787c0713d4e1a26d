import { textFor, type ConditionalText, type LocalText } from '@provod/contracts';
import { useTranslation } from 'react-i18next';

/** A template's own texts come in both languages; this picks the interface's one (and the variant for the answers). */
export function useLocalText(): (text: ConditionalText | LocalText, answers?: Record<string, string>) => string {
  const { i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? i18n.language ?? 'en').startsWith('ru') ? 'ru' : 'en';
  return (text, answers = {}) => textFor(text, answers)[lang];
}
