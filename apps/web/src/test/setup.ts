import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';
import i18n from '../i18n';

// jsdom lacks the layout APIs Mantine and CodeMirror call; these stand-ins only answer "nothing to measure".
beforeAll(async () => {
  await i18n.changeLanguage('en');
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      // Reduced motion: Mantine then opens panels at once, since jsdom never fires transitionend.
      matches: query.includes('prefers-reduced-motion'),
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
  class ResizeObserverStandIn {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  window.ResizeObserver = ResizeObserverStandIn as unknown as typeof ResizeObserver;
  // Mantine 9's autosizing Textarea re-measures when web fonts finish loading; jsdom has no document.fonts.
  if (!('fonts' in document)) {
    const fonts = Object.assign(new EventTarget(), { status: 'loaded', ready: Promise.resolve() });
    Object.defineProperty(document, 'fonts', { configurable: true, value: fonts });
  }
  window.HTMLElement.prototype.scrollIntoView = () => undefined;
  Range.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) });
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
