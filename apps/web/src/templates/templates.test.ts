import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gallery } from './index';

const shipped = join(__dirname, '../../../../templates');
const here = __dirname;

describe('the gallery', () => {
  it('has a copy of every shipped template, byte for byte', () => {
    const files = readdirSync(shipped).filter((f) => f.endsWith('.json'));
    expect(readdirSync(here).filter((f) => f.endsWith('.json')).sort()).toEqual(files.sort());
    for (const file of files) expect(readFileSync(join(here, file), 'utf8'), file).toBe(readFileSync(join(shipped, file), 'utf8'));
  });

  it('lists every entry of every template once', () => {
    const ids = gallery.map((g) => g.entry.id);
    expect(ids).toEqual(['uon-request-envybox', 'uon-lead-envybox', 'uon-telegram', 'uon-bitrix24', 'webhook-http']);
  });
});
