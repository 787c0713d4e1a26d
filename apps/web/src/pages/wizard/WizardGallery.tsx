import { Card, SimpleGrid, Text, ThemeIcon, Group } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { gallery } from '../../templates';
import { useLocalText } from './local-text';

/** The template cards; each opens the same wizard, driven by its template's description. */
export function WizardGallery() {
  const local = useLocalText();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
      {gallery.map(({ entry }) => (
        <Card key={entry.id} component={Link} to={`/wizard/${entry.id}`} withBorder radius="md" padding="md">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Text fw={600}>{local(entry.title)}</Text>
            <ThemeIcon variant="light" size="sm" radius="xl" aria-hidden>
              <IconArrowRight size={14} />
            </ThemeIcon>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            {local(entry.summary)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
