import { createContext, useContext } from 'react';
import type { ActionType, OperationStatus, ProcessingStatus, StepStatus } from '@provod/contracts';

export type Lang = 'ru' | 'en';
export const LANGS: readonly Lang[] = ['ru', 'en'];

const ru = {
  appName: 'Provod',
  language: 'Язык интерфейса',
  nav: { main: 'Основная навигация', processings: 'Обработки' },
  common: {
    loading: 'Загрузка…',
    retry: 'Повторить',
    networkError: 'Не удалось связаться с сервером. Проверьте, что он запущен, и повторите.',
    httpError: (status: number) => `Сервер ответил HTTP ${status}`,
    invalidJson: (detail: string) => `Некорректный JSON: ${detail}`,
    validationIssues: 'Что исправить:',
    notFound: 'Страница не найдена.',
    none: '—',
  },
  processingStatus: { running: 'Запущена', stopped: 'Остановлена' } satisfies Record<ProcessingStatus, string>,
  list: {
    title: 'Обработки',
    empty: 'Обработок пока нет. Создайте первую или импортируйте из JSON.',
    name: 'Название',
    status: 'Статус',
    webhook: 'Адрес вебхука',
    webhookOf: (name: string) => `Адрес вебхука обработки «${name}»`,
    controls: 'Действия',
    start: 'Запустить',
    stop: 'Остановить',
    history: 'История',
    copy: 'Копировать',
    copied: 'Скопировано',
    copyFailed: 'Не удалось скопировать — выделите адрес вручную',
    createTitle: 'Новая обработка',
    createName: 'Название обработки',
    create: 'Создать',
    importOpen: 'Импорт JSON',
    importClose: 'Скрыть импорт',
    importLabel: 'JSON экспортированной обработки',
    importSubmit: 'Импортировать',
  },
  processing: {
    source: 'Источник: вебхук',
    methods: 'Методы',
    parameters: 'Параметры',
    paramName: 'Имя',
    paramKeys: 'Где искать',
    noParameters: 'Параметров нет.',
    actions: 'Шаги',
    actionType: 'Тип',
    actionName: 'Название',
    actionKey: 'Ключ',
    noActions: 'Шагов пока нет.',
    editor: 'Определение (JSON)',
    editorLabel: 'JSON обработки: name, source, actions',
    save: 'Сохранить',
    reset: 'Отменить изменения',
    saved: (version: number) => `Сохранено, версия ${version}`,
    history: 'История операций',
    version: 'Версия',
  },
  actionType: {
    http_request: 'HTTP-запрос',
    json_parser: 'Разбор JSON',
    json_composer: 'Сборка JSON',
  } satisfies Record<ActionType, string>,
  operations: {
    title: 'История операций',
    filter: 'Статус',
    allStatuses: 'Все',
    autoRefresh: 'Обновлять каждые 5 с',
    updatedAt: (time: string) => `Обновлено: ${time}`,
    status: 'Статус',
    received: 'Получена',
    duration: 'Длительность',
    params: 'Параметры',
    error: 'Ошибка',
    empty: 'Операций нет.',
    more: 'Показать ещё',
    open: (time: string) => `Открыть операцию от ${time}`,
  },
  operationStatus: {
    queued: 'В очереди',
    running: 'Выполняется',
    succeeded: 'Успешно',
    failed: 'Ошибка',
    held: 'Отложена',
    discarded: 'Отменена',
    duplicate: 'Повтор',
  } satisfies Record<OperationStatus, string>,
  stepStatus: { succeeded: 'Успешно', failed: 'Ошибка', skipped: 'Пропущен' } satisfies Record<StepStatus, string>,
  operation: {
    title: 'Операция',
    backToHistory: 'К истории операций',
    summary: 'Сводка',
    started: 'Начата',
    finished: 'Завершена',
    attempts: 'Попыток',
    version: 'Версия обработки',
    request: 'Входящий запрос',
    method: 'Метод',
    contentType: 'Тип содержимого',
    query: 'Параметры строки запроса',
    headers: 'Заголовки',
    body: 'Тело',
    bodyBase64: 'Тело не в UTF-8, показано в base64',
    steps: 'Шаги',
    noSteps: 'Шаги ещё не выполнялись.',
    attempt: 'Попытка',
    input: 'Вход',
    output: 'Результат',
    error: 'Ошибка',
    unresolved: 'Не найденные ссылки',
  },
  units: {
    ms: (n: string) => `${n} мс`,
    s: (n: string) => `${n} с`,
    min: (m: number, s: number) => `${m} мин ${s} с`,
  },
};

export type Dict = typeof ru;

const en: Dict = {
  appName: 'Provod',
  language: 'Interface language',
  nav: { main: 'Main navigation', processings: 'Processings' },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    networkError: 'Could not reach the server. Check that it is running and retry.',
    httpError: (status: number) => `The server answered HTTP ${status}`,
    invalidJson: (detail: string) => `Invalid JSON: ${detail}`,
    validationIssues: 'What to fix:',
    notFound: 'Page not found.',
    none: '—',
  },
  processingStatus: { running: 'Running', stopped: 'Stopped' },
  list: {
    title: 'Processings',
    empty: 'No processings yet. Create one or import it from JSON.',
    name: 'Name',
    status: 'Status',
    webhook: 'Webhook URL',
    webhookOf: (name: string) => `Webhook URL of “${name}”`,
    controls: 'Actions',
    start: 'Start',
    stop: 'Stop',
    history: 'History',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy — select the URL by hand',
    createTitle: 'New processing',
    createName: 'Processing name',
    create: 'Create',
    importOpen: 'Import JSON',
    importClose: 'Hide import',
    importLabel: 'JSON of an exported processing',
    importSubmit: 'Import',
  },
  processing: {
    source: 'Source: webhook',
    methods: 'Methods',
    parameters: 'Parameters',
    paramName: 'Name',
    paramKeys: 'Looked up in',
    noParameters: 'No parameters.',
    actions: 'Steps',
    actionType: 'Type',
    actionName: 'Name',
    actionKey: 'Key',
    noActions: 'No steps yet.',
    editor: 'Definition (JSON)',
    editorLabel: 'Processing JSON: name, source, actions',
    save: 'Save',
    reset: 'Discard changes',
    saved: (version: number) => `Saved, version ${version}`,
    history: 'Operation history',
    version: 'Version',
  },
  actionType: {
    http_request: 'HTTP request',
    json_parser: 'JSON parser',
    json_composer: 'JSON composer',
  },
  operations: {
    title: 'Operation history',
    filter: 'Status',
    allStatuses: 'All',
    autoRefresh: 'Refresh every 5 s',
    updatedAt: (time: string) => `Updated: ${time}`,
    status: 'Status',
    received: 'Received',
    duration: 'Duration',
    params: 'Parameters',
    error: 'Error',
    empty: 'No operations.',
    more: 'Show more',
    open: (time: string) => `Open the operation of ${time}`,
  },
  operationStatus: {
    queued: 'Queued',
    running: 'Running',
    succeeded: 'Succeeded',
    failed: 'Failed',
    held: 'Held',
    discarded: 'Discarded',
    duplicate: 'Duplicate',
  },
  stepStatus: { succeeded: 'Succeeded', failed: 'Failed', skipped: 'Skipped' },
  operation: {
    title: 'Operation',
    backToHistory: 'Back to operation history',
    summary: 'Summary',
    started: 'Started',
    finished: 'Finished',
    attempts: 'Attempts',
    version: 'Processing version',
    request: 'Incoming request',
    method: 'Method',
    contentType: 'Content type',
    query: 'Query string',
    headers: 'Headers',
    body: 'Body',
    bodyBase64: 'The body is not UTF-8; shown as base64',
    steps: 'Steps',
    noSteps: 'No steps have run yet.',
    attempt: 'Attempt',
    input: 'Input',
    output: 'Output',
    error: 'Error',
    unresolved: 'Unresolved references',
  },
  units: {
    ms: (n: string) => `${n} ms`,
    s: (n: string) => `${n} s`,
    min: (m: number, s: number) => `${m} min ${s} s`,
  },
};

export const dictionaries: Record<Lang, Dict> = { ru, en };

const STORAGE_KEY = 'provod.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ru' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked by privacy settings; the browser language still decides.
  }
  if (typeof navigator === 'undefined') return 'ru';
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice only costs a re-pick on the next visit.
  }
}

export interface I18n {
  lang: Lang;
  t: Dict;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'ru', t: ru, setLang: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
