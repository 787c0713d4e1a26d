import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { SystemOverview } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/use-lang';

/** Processings and hosts at work or at their limit: where a slow destination shows first. */
export function CapacityTable({ rows }: { rows: SystemOverview['capacity'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (rows.length === 0) return <Text size="sm">{t('system.capacityNone')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table aria-label={t('system.capacity')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('system.capacityName')}</Table.Th>
            <Table.Th>{t('system.capacityInFlight')}</Table.Th>
            <Table.Th>{t('system.capacityWaiting')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.kind}:${row.processingId ?? row.name}`}>
              <Table.Td>
                <Badge variant="light" color="gray" mr="xs">
                  {row.kind === 'processing' ? t('system.capacityProcessing') : t('system.capacityHost')}
                </Badge>
                {row.processingId ? (
                  <Anchor component={Link} to={`/processings/${row.processingId}`} size="sm">
                    {row.name}
                  </Anchor>
                ) : (
                  <Text span size="sm" ff="monospace">
                    {row.name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={row.inFlight >= row.limit ? 'orange' : undefined}>
                  {formatNumber(row.inFlight, lang)} / {formatNumber(row.limit, lang)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={row.waiting > 0 ? 700 : undefined}>
                  {formatNumber(row.waiting, lang)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
