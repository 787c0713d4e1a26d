import type { Scope } from '../scope';
import { parseLooseBoolean, parseLooseNumber } from './loose-value.helper';
import { TEMPLATE_HELPERS } from './template.helpers';
import { renderText, renderValue } from './template.renderer';

const scope: Scope = {
  source: {
    email: '',
    name: '  Анна  ',
    phone: '+7 (927) 000-00-00',
    comment: 'Тур: Турция. Вылет: Москва. 😀🇹🇷',
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
    expect(text('{{concat "a" source.count event.missing "b"}}')).toBe('a7b');
    expect(text('[{{trim source.name}}]')).toBe('[Анна]');
    expect(text('{{upper (trim source.name)}} {{lower "ÄБв"}}')).toBe('АННА äбв');
  });

  it('digits normalises a phone number', () => {
    expect(text('{{digits source.phone}}')).toBe('79270000000');
    expect(text('{{digits event.missing}}')).toBe('');
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
    expect(text('{{json event.missing}}')).toBe('null');
  });

  it('date formats and converts time zones', () => {
    expect(text('{{date "2025-03-14 10:20" "DD.MM.YYYY HH:mm"}}')).toBe('14.03.2025 10:20');
    expect(text('{{date "2025-03-14T07:20:00Z" "YYYY-MM-DD HH:mm" "Europe/Moscow"}}')).toBe('2025-03-14 10:20');
  });

  it('replace swaps plain text, every occurrence, with no pattern syntax', () => {
    expect(text('{{replace source.phone "-" ""}}')).toBe('+7 (927) 0000000');
    expect(text('{{replace source.phone "+7" "8"}}')).toBe('8 (927) 000-00-00');
    expect(text('{{replace "a.b.c" "." "$&"}}')).toBe('a$&b$&c');
    expect(text('{{replace "a.b" "" "x"}}')).toBe('a.b');
    expect(text('{{replace source.count 7 "seven"}}')).toBe('seven');
    expect(text('{{replace event.missing "a" "b"}}')).toBe('');
  });

  it('substring cuts by characters, never through an emoji', () => {
    expect(text('{{substring source.comment 0 3}}')).toBe('Тур');
    expect(text('{{substring source.comment 5}}')).toBe('Турция. Вылет: Москва. 😀🇹🇷');
    expect(text('{{substring source.comment -3}}')).toBe('😀🇹🇷');
    expect(text('{{substring source.comment -3 -2}}')).toBe('😀');
    expect(text('{{substring source.comment "0" "3"}}')).toBe('Тур');
    expect(text('{{substring source.comment "x"}}')).toBe('Тур: Турция. Вылет: Москва. 😀🇹🇷');
    expect(text('{{substring event.missing 0 2}}')).toBe('');
  });

  it('date converts an instant into the zone asked for, and leaves wall-clock times alone', () => {
    expect(text('{{date "2025-03-14T23:30:00+03:00" "DD.MM.YYYY HH:mm" "Asia/Vladivostok"}}')).toBe('15.03.2025 06:30');
    expect(text('{{date "2025-03-14T07:20:00Z" "HH:mm" "UTC"}}')).toBe('07:20');
    expect(text('{{date 1741936800 "YYYY-MM-DD HH:mm" "Europe/Moscow"}}')).toBe('2025-03-14 10:20');
    expect(text('{{date "14.03.2025 10:20" "YYYY-MM-DD HH:mm" "Asia/Vladivostok"}}')).toBe('2025-03-14 10:20');
  });

  it('has every documented helper', () => {
    expect(Object.keys(TEMPLATE_HELPERS)).toEqual(
      expect.arrayContaining(['default', 'join', 'concat', 'trim', 'upper', 'lower', 'digits', 'date', 'number', 'string', 'boolean', 'json', 'replace', 'substring']),
    );
  });

  it('lookup reads own properties by a computed key', () => {
    expect(text('{{lookup source.tags 1}} {{lookup source "count"}}')).toBe('sea 7');
  });

  it('does not throw on odd input', () => {
    for (const template of [
      '{{join}}',
      '{{concat}}',
      '{{trim source.obj}}',
      '{{upper event.body}}',
      '{{date source.obj "YYYY"}}',
      '{{date "2025-02-30"}}',
      '{{date "2025-03-14" "YYYY" "Not/AZone"}}',
      '{{number}}',
      '{{boolean}}',
      '{{json}}',
      '{{lookup}}',
      '{{replace}}',
      '{{replace source.obj source.obj source.obj}}',
      '{{substring}}',
      '{{substring source.obj source.obj source.obj}}',
    ]) {
      expect(() => renderText(template, scope)).not.toThrow();
    }
    expect(text('{{trim source.obj}}')).toBe('{"a":1}');
    expect(text('{{date "2025-02-30"}}')).toBe('2025-02-30');
  });

  it('fails the step on a webhook parameter the request did not carry, naming what came', () => {
    let failure: unknown;
    try {
      renderText('{{upper source.r_id}}', scope);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({
      code: 'missing_parameter',
      message: 'The request has no parameter r_id; it has: email, name, phone, comment, tags, price, count, flag, obj',
      details: { parameter: 'r_id', received: ['email', 'name', 'phone', 'comment', 'tags', 'price', 'count', 'flag', 'obj'] },
    });
    expect(() => renderText('{{source.nothing}}', scope)).toThrow('The request has no parameter nothing');
    // Presence tests and defaults are how a template handles an optional parameter.
    expect(text('{{default source.x "y"}}|{{#if source.nothing}}a{{else}}b{{/if}}|{{#unless source.x}}c{{/unless}}')).toBe('y|b|c');
    expect(text('{{default (upper source.x) "y"}}')).toBe('y');
    expect(text('{{#with source}}{{missing}}{{/with}}')).toBe('');
    // A deduplication key renders what is there: an empty key means "do not deduplicate".
    expect(renderText('{{source.r_id}}:{{source.email}}', scope, { requireSource: false }).value).toBe(':');
  });
});

describe('loose values', () => {
  it.each([
    ['150 000,50', 150000.5],
    ['1\u00A0000', 1000],
    ['-12.5', -12.5],
    ['1e3', 1000],
    [',5', 0.5],
    [true, 1],
    [42, 42],
    ['', null],
    ['12abc', null],
    ['1,000.5', null],
    [Number.NaN, null],
    [Infinity, null],
    [{}, null],
    [null, null],
  ])('number of %j is %j', (input, expected) => {
    expect(parseLooseNumber(input)).toBe(expected);
  });

  it.each([
    ['да', true],
    [' YES ', true],
    ['1', true],
    ['нет', false],
    ['off', false],
    ['', false],
    [0, false],
    [2, true],
    [false, false],
    ['maybe', null],
    [{}, null],
    [null, null],
  ])('boolean of %j is %j', (input, expected) => {
    expect(parseLooseBoolean(input)).toBe(expected);
  });
});
