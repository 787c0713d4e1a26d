import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../layout/AppLayout';

export function AuthFrame({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" className="auth-bg">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between">
          <Text className="brand" component="div">
            <span className="brand-mark" aria-hidden="true" />
            Provod
          </Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" radius="md" p="xl" component="main">
          <Title order={1} size="h3" mb={4}>
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed" mb="md">
              {subtitle}
            </Text>
          )}
          {children}
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          {t('auth.tagline')}
        </Text>
      </Stack>
    </Center>
  );
}
