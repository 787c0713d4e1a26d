import { useEffect, useMemo, useRef, useState } from 'react';
import { dictionaries, I18nContext, initialLang, LANGS, rememberLang, useI18n, type I18n, type Lang } from './i18n';
import { OperationPage } from './pages/OperationPage';
import { OperationsPage } from './pages/OperationsPage';
import { ProcessingPage } from './pages/ProcessingPage';
import { ProcessingsPage } from './pages/ProcessingsPage';
import { href, useRoute, type Route } from './router';

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.page) {
    case 'processings':
      return <ProcessingsPage />;
    case 'processing':
      return <ProcessingPage key={route.id} id={route.id} />;
    case 'operations':
      return <OperationsPage key={route.processingId} processingId={route.processingId} />;
    case 'operation':
      return <OperationPage key={route.id} id={route.id} />;
    case 'notFound':
      return (
        <p>
          {t.common.notFound} <a href={href.processings()}>{t.list.title}</a>
        </p>
      );
  }
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const shownRoute = useRef(route);

  const i18n = useMemo<I18n>(
    () => ({
      lang,
      t: dictionaries[lang],
      setLang: (next) => {
        rememberLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    if (shownRoute.current === route) return;
    shownRoute.current = route;
    // Hash navigation does not reload the page, so screen-reader and keyboard users are moved to the new content by hand.
    window.scrollTo(0, 0);
    main.current?.focus();
  }, [route]);

  const t = i18n.t;
  return (
    <I18nContext.Provider value={i18n}>
      <header className="app-header">
        <a className="brand" href={href.processings()}>
          {t.appName}
        </a>
        <nav aria-label={t.nav.main}>
          <a href={href.processings()}>{t.nav.processings}</a>
        </nav>
        <div className="lang-switch" role="group" aria-label={t.language}>
          {LANGS.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              aria-pressed={lang === code}
              className={lang === code ? 'active' : 'secondary'}
              onClick={() => i18n.setLang(code)}
            >
              {code.toUpperCase()}
            </button>
          ))}
        </div>
      </header>
      <main ref={main} tabIndex={-1}>
        <Page route={route} />
      </main>
    </I18nContext.Provider>
  );
}
