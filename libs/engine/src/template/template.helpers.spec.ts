import type { Scope } from '../scope';
import { renderText, renderValue } from './template.renderer';

const scope: Scope = {
  source: {
    email: '',
    name: '  Анна  ',
    phone: '+7 (927) 000-00-00',
    tags: ['vip', 'sea', 3],
    price: '150 000,50',
    count: 7,
    flag: 'да',
    obj: { a: 1 },
    nothing: null,
  },
  event: { method: 'GET', query: {}, headers: {}, body: null },
  secrets: {},
};

const text = (template: string): string => renderText(template, scope).value;
const value = (template: string): unknown => renderValue(template, scope).value;

describe('template helpers', () => {
  it('default takes the first non-empty value', () => {
    expect(text('{{default source.email "none"}}')).toBe('none');
    expect(text('{{default source.missing source.nothing source.count "x"}}')).toBe('7');
    expect(text('{{default source.name "x"}}')).toBe('  Анна  ');
    expect(text('{{default source.missing source.email}}')).toBe('');
  });

  it('join, concat, trim, upper, lower', () => {
    expect(text('{{join source.tags ", "}}')).toBe('vip, sea, 3');
    expect(text('{{join source.tags}}')).toBe('vip, sea, 3');
    expect(text('{{join source.name "-"}}')).toBe('  Анна  ');
    expect(text('{{concat "a" source.count source.missing "b"}}')).toBe('a7b');
    expect(text('[{{trim source.name}}]')).toBe('[Анна]');
    expect(text('{{upper (trim source.name)}} {{lower "ÄБв"}}')).toBe('АННА äбв');
  });

  it('digits normalises a phone number', () => {
    expect(text('{{digits source.phone}}')).toBe('79270000000');
    expect(text('{{digits source.missing}}')).toBe('');
  });

  it('number, string, boolean cast values', () => {
    expect(value('{{number source.price}}')).toBe(150000.5);
    expect(value('{{number "12"}}')).toBe(12);
    expect(value('{{number "abc"}}')).toBe('');
    expect(value('{{number source.obj}}')).toBe('');
    expect(value('{{string source.count}}')).toBe('7');
    expect(value('{{boolean source.flag}}')).toBe(true);
    expect(value('{{boolean "no"}}')).toBe(false);
    expect(value('{{boolean source.email}}')).toBe(false);
    expect(value('{{boolean source.count}}')).toBe(true);
  });

  it('json writes any value as JSON text', () => {
    expect(text('{{json source.obj}}')).toBe('{"a":1}');
    expect(text('{{json source.name}}')).toBe('"  Анна  "');
    expect(text('{{json source.missing}}')).toBe('null');
  });

  it('date formats and converts time zones', () => {
    expect(text('{{date "2025-03-14 10:20" "DD.MM.YYYY HH:mm"}}')).toBe('14.03.2025 10:20');
    expect(text('{{date "2025-03-14T07:20:00Z" "YYYY-MM-DD HH:mm" "Europe/Moscow"}}')).toBe('2025-03-14 10:20');
  });

  it('lookup reads own properties by a computed key', () => {
    expect(text('{{lookup source.tags 1}} {{lookup source "count"}}')).toBe('sea 7');
  });

  it('does not throw on odd input', () => {
    for (const template of [
      '{{join}}',
      '{{concat}}',
      '{{trim source.obj}}',
      '{{upper source.nothing}}',
      '{{date source.obj "YYYY"}}',
      '{{date "2025-02-30"}}',
      '{{date "2025-03-14" "YYYY" "Not/AZone"}}',
      '{{number}}',
      '{{boolean}}',
      '{{json}}',
      '{{lookup}}',
    ]) {
      expect(() => renderText(template, scope)).not.toThrow();
    }
    expect(text('{{trim source.obj}}')).toBe('{"a":1}');
    expect(text('{{date "2025-02-30"}}')).toBe('2025-02-30');
  });
});
