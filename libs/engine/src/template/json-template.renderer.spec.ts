import fc from 'fast-check';
import type { Scope } from '../scope';
import { isStepFailure, type StepFailure } from '../step-failure';
import { renderJsonTemplate } from './json-template.renderer';

function scopeWith(extra: Record<string, unknown> = {}): Scope {
  return {
    source: { r_id: '61', email: '', price: 150000 },
    event: { method: 'POST', query: {}, headers: {}, body: null },
    secrets: { UON_KEY: 'KEY' },
    ...extra,
  };
}

function failureOf(run: () => unknown): StepFailure {
  try {
    run();
  } catch (error) {
    if (isStepFailure(error)) return error;
    throw error;
  }
  throw new Error('expected a StepFailure, nothing was thrown');
}

/** Any UTF-16 code unit, so unpaired surrogates are generated as often as anything else. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const tricky = fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u0000', '\u2028', '{{', '}}', '{{v}}', 'Ж', '😀', '\uD800', '\uDC00');
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: codeUnit }),
  fc.string({ unit: fc.oneof(codeUnit, tricky) }),
);

describe('renderJsonTemplate', () => {
  it('keeps inserted strings intact, whatever they contain', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const { value } = renderJsonTemplate('{"a":"{{v}}","b":"x {{v}} y"}', scopeWith({ v: s }));
        const back = JSON.parse(JSON.stringify(value)) as { a: string; b: string };
        expect(back.a).toBe(s);
        expect(back.b).toBe(`x ${s} y`);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps arbitrary inserted JSON values as they are', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const { value } = renderJsonTemplate('{"k":["{{v}}"]}', scopeWith({ v }));
        const back = JSON.parse(JSON.stringify(value)) as { k: unknown[] };
        expect(back.k[0]).toEqual(JSON.parse(JSON.stringify(v ?? null)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps numbers as numbers and objects as objects', () => {
    const scope = scopeWith({ fetch: { body: { request: [{ id: 61, services: [{ price: 150000 }] }] } } });
    const { value, unresolved } = renderJsonTemplate(
      JSON.stringify({
        id: '{{fetch.body.request.[0].id}}',
        services: '{{fetch.body.request.[0].services}}',
        label: 'Request #{{fetch.body.request.[0].id}}',
        fixed: 5,
        yes: true,
        none: null,
        list: ['{{source.price}}', 'x'],
      }),
      scope,
    );
    expect(value).toEqual({
      id: 61,
      services: [{ price: 150000 }],
      label: 'Request #61',
      fixed: 5,
      yes: true,
      none: null,
      list: [150000, 'x'],
    });
    expect(unresolved).toEqual([]);
  });

  it('takes a template that is one whole expression as that value, keeping its type', () => {
    const lead = { request: { method: 'create', values: { name: 'Алексей "Лёша"' } } };
    expect(renderJsonTemplate(' {{lead}} ', scopeWith({ lead })).value).toEqual(lead);
    expect(renderJsonTemplate('{{source.price}}', scopeWith()).value).toBe(150000);
    expect(failureOf(() => renderJsonTemplate('{{a}} {{b}}', scopeWith())).code).toBe('invalid_template');
  });

  it('gives null for a missing reference and reports it', () => {
    const { value, unresolved } = renderJsonTemplate('{"a":"{{event.nope}}","b":"<{{event.gone}}>"}', scopeWith());
    expect(value).toEqual({ a: null, b: '<>' });
    expect(unresolved).toEqual(['event.nope', 'event.gone']);
  });

  it('fails on a webhook parameter the request did not carry, naming the field, unless empty fields are dropped', () => {
    const failure = failureOf(() => renderJsonTemplate('{"lead":{"id":"{{source.nope}}"}}', scopeWith()));
    expect(failure.code).toBe('missing_parameter');
    expect(failure.message).toMatch(/^In "lead.id": The request has no parameter nope; it has: /);
    expect(renderJsonTemplate('{"id":"{{source.nope}}","n":1}', scopeWith(), { dropEmpty: true }).value).toEqual({ n: 1 });
    expect(renderJsonTemplate('{"id":"{{default source.nope \'-\'}}"}', scopeWith()).value).toEqual({ id: '-' });
  });

  it('renders object keys as text', () => {
    const { value } = renderJsonTemplate('{"field_{{source.r_id}}":"{{source.price}}","__proto__":{"x":1}}', scopeWith());
    expect(value).toEqual(JSON.parse('{"field_61":150000,"__proto__":{"x":1}}'));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('drops empty fields when asked, and keeps objects left empty', () => {
    const template = JSON.stringify({
      email: '{{source.email}}',
      phone: '{{source.phone}}',
      nested: { a: '', b: null, c: 0, d: false },
      list: ['', null, 1],
      client: '{{client}}',
      keep: 'x',
    });
    const scope = scopeWith({ client: { name: 'A', email: '' } });
    expect(renderJsonTemplate(template, scope, { dropEmpty: true }).value).toEqual({
      nested: { c: 0, d: false },
      list: ['', null, 1],
      client: { name: 'A' },
      keep: 'x',
    });
    expect(renderJsonTemplate('{"a":{"b":""}}', scope, { dropEmpty: true }).value).toEqual({ a: {} });
    expect(renderJsonTemplate('"{{source.email}}"', scope, { dropEmpty: true }).value).toBe('');
  });

  it('makes odd values JSON-safe', () => {
    const scope = scopeWith({ odd: { n: Number.NaN, inf: Number.POSITIVE_INFINITY, d: new Date(0), u: undefined } });
    expect(renderJsonTemplate('["{{odd}}", "{{odd.n}}"]', scope).value).toEqual([
      { n: null, inf: null, d: '1970-01-01T00:00:00.000Z' },
      null,
    ]);
  });

  it('never re-reads an inserted value as a template', () => {
    const scope = scopeWith({ source: { note: '{{secrets.UON_KEY}}', obj: { k: '{{secrets.UON_KEY}}' } } });
    expect(renderJsonTemplate('{"a":"{{source.note}}","b":"{{source.obj}}"}', scope).value).toEqual({
      a: '{{secrets.UON_KEY}}',
      b: { k: '{{secrets.UON_KEY}}' },
    });
  });

  it('names line and column of invalid JSON', () => {
    const failure = failureOf(() => renderJsonTemplate('{\n  "a": "x",\n  "b": "{{source.r_id}}",\n}', scopeWith()));
    expect(failure.code).toBe('invalid_template');
    expect(failure.message).toBe('The JSON template is not valid JSON: a comma before "}" is not allowed in JSON at line 4, column 1');
  });

  it('names the field holding a broken template', () => {
    const failure = failureOf(() => renderJsonTemplate('{"client":{"name":"{{source.r_id"}}', scopeWith()));
    expect(failure.code).toBe('template_error');
    expect(failure.message).toMatch(/^In "client\.name": /);
  });

  it('refuses absurdly deep templates with a StepFailure', () => {
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    expect(failureOf(() => renderJsonTemplate(deep, scopeWith())).code).toBe('invalid_template');
  });
});
