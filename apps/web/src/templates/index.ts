import { templateFileSchema, type TemplateFile, type WizardEntry } from '@provod/contracts';
import uonToBitrix24 from './uon-to-bitrix24.json';
import uonToEnvybox from './uon-to-envybox.json';
import uonToTelegram from './uon-to-telegram.json';
import webhookToHttp from './webhook-to-http.json';

/**
 * The shipped templates. These are copies of the repository's templates/ (the files users import):
 * the web app may not import outside its project, and templates.test.ts fails when a copy drifts.
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
