import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A page's heading and the sentence under it that says what the page is for. */
export function PageTitle({ title, subtitle }: { title: ReactNode; subtitle?: ReactNode }) {
  return (
    <div>
      <Title order={1} size="h2">
        {title}
      </Title>
      {subtitle ? (
        <Text size="sm" c="dimmed">
          {subtitle}
        </Text>
      ) : null}
    </div>
  );
}
