import { useTranslation } from 'react-i18next';

/** The interface language as an Intl locale. */
export function useLang(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language ?? 'en';
}
