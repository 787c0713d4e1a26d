import { Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { WizardGallery } from './WizardGallery';

export default function WizardGalleryPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('wizard.galleryTitle')} · Provod`);
  return (
    <Stack gap="md">
      <PageTitle title={t('wizard.galleryTitle')} subtitle={t('wizard.gallerySubtitle')} />
      <WizardGallery />
    </Stack>
  );
}
