import { describe, expect, it } from 'vitest';
import { gallery } from './index';

// That these are byte-for-byte copies of templates/ is checked in libs/contracts (template-wizard.spec.ts).
describe('the gallery', () => {
  it('lists every entry of every template once', () => {
    const ids = gallery.map((g) => g.entry.id);
    expect(ids).toEqual(['uon-request-envybox', 'uon-lead-envybox', 'uon-telegram', 'uon-bitrix24', 'webhook-http']);
  });
});
