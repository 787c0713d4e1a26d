import { templateFileSchema, type TemplateFile, type WizardEntry } from '@provod/contracts';
import uonToBitrix24 from '../../../../templates/uon-to-bitrix24.json';
import uonToEnvybox from '../../../../templates/uon-to-envybox.json';
import uonToTelegram from '../../../../templates/uon-to-telegram.json';
import webhookToHttp from '../../../../templates/webhook-to-http.json';

/**
 * The shipped templates, read from the repository's templates/ folder (the same files users import),
 * so the gallery and the importable files cannot drift apart.
 */
const files: TemplateFile[] = [uonToEnvybox, uonToTelegram, uonToBitrix24, webhookToHttp].map((raw) => templateFileSchema.parse(raw));

export interface GalleryEntry {
  entry: WizardEntry;
  file: TemplateFile;
}

export const gallery: GalleryEntry[] = files.flatMap((file) => file.wizard.entries.map((entry) => ({ entry, file })));

export function findEntry(id: string | undefined): GalleryEntry | undefined {
  return gallery.find((g) => g.entry.id === id);
}
