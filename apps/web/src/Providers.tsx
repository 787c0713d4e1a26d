import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localizedTheme } from './theme';

/** `env="test"` turns off Mantine's transitions and portals, so component tests see dropdowns at once. */
export function Providers({ client, children, env }: { client: QueryClient; children: ReactNode; env?: 'default' | 'test' }) {
  const { t, i18n } = useTranslation();
  const closeLabel = t('common.close');
  const theme = useMemo(() => localizedTheme(closeLabel), [closeLabel, i18n.language]);
  return (
    <MantineProvider theme={theme} env={env}>
      <QueryClientProvider client={client}>
        <ModalsProvider>
          <Notifications position="bottom-right" limit={4} autoClose={4000} />
          {children}
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
