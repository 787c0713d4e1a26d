import { createTheme, Drawer, Modal, type MantineThemeOverride } from '@mantine/core';

const base: MantineThemeOverride = {
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  // People who asked their system for less motion get panels that open without animation.
  respectReducedMotion: true,
};

/**
 * The theme in the reader's language: every dialog's and drawer's close button (including the
 * confirmations opened through `modals`) gets a name a screen reader can say.
 */
export function localizedTheme(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return createTheme({
    ...base,
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
    },
  });
}
