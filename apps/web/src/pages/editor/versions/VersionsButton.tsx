import type { ProcessingView } from '@provod/contracts';
import { Button, Drawer } from '@mantine/core';
import { IconVersions } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VersionsPanel } from './VersionsPanel';

/** The editor bar's «Versions»: opens the list of saved versions beside the editor. */
export function VersionsButton({ processing, canEdit, dirty, onRestored }: { processing: ProcessingView; canEdit: boolean; dirty: boolean; onRestored: (saved: ProcessingView) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="subtle" leftSection={<IconVersions size={14} />} onClick={() => setOpen(true)}>
        {t('versions.open')}
      </Button>
      <Drawer opened={open} onClose={() => setOpen(false)} title={t('versions.title')} position="right" size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {open && (
          <VersionsPanel
            processing={processing}
            canEdit={canEdit}
            dirty={dirty}
            onRestored={(saved) => {
              onRestored(saved);
              setOpen(false);
            }}
          />
        )}
      </Drawer>
    </>
  );
}
