import type { Scope } from '../scope';
import { isStepFailure, StepFailure } from '../step-failure';
import { renderText, renderUrl, renderValue } from './template.renderer';

function scopeWith(extra: Record<string, unknown> = {}): Scope {
  return {
    source: { r_id: '61', email: '' },
    event: { method: 'POST', query: {}, headers: {}, body: null },
    secrets: { UON_KEY: 'KEY' },
    ...extra,
  };
}

const fetchRequest = {
  status: 200,
  headers: {},
  body: { request: [{ id: 61, client_name: 'Алексей', tags: ['a', 'b'], price: 150000, closed: null }] },
};

function failureOf(run: () => unknown): StepFailure {
  try {
    run();
  } catch (error) {
    if (isStepFailure(error)) return error;
    throw new Error(`expected a StepFailure, got ${String(error)}`);
  }
  throw new Error('expected a StepFailure, nothing was thrown');
}

describe('renderText', () => {
  it('inserts values as plain text without HTML escaping', () => {
    const scope = scopeWith({ fields: { client_name: 'O\'Brien & <Sons> "Ltd"' } });
    expect(renderText('Client: {{fields.client_name}}', scope)).toEqual({
      value: 'Client: O\'Brien & <Sons> "Ltd"',
      unresolved: [],
    });
  });

  it('follows bracketed array segments', () => {
    const scope = scopeWith({ fetch_request: fetchRequest });
    expect(renderText('{{fetch_request.body.request.[0].client_name}}', scope).value).toBe('Алексей');
  });

  it('writes objects and arrays as JSON and missing values as nothing', () => {
    const scope = scopeWith({ fetch_request: fetchRequest });
    const { value } = renderText(
      '{{fetch_request.body.request.[0].tags}}|{{fetch_request.body.request.[0].closed}}|{{event.nope}}|{{fetch_request.status}}',
      scope,
    );
    expect(value).toBe('["a","b"]|||200');
  });

  it('reports every reference that resolves to nothing, once, by the name written', () => {
    const scope = scopeWith({ fetch_request: fetchRequest });
    const { unresolved } = renderText(
      '{{event.missing}} {{fetch_request.body.request.[0].dat_close}} {{event.missing}} {{upper event.other}} {{default source.quiet "x"}}',
      scope,
    );
    expect(unresolved).toEqual(['event.missing', 'fetch_request.body.request.[0].dat_close', 'event.other']);
  });

  it('does not report a value that is present but null or empty', () => {
    const scope = scopeWith({ fetch_request: fetchRequest });
    expect(renderText('{{source.email}}{{fetch_request.body.request.[0].closed}}', scope).unresolved).toEqual([]);
  });

  it('treats a triple-stash like a double one', () => {
    expect(renderText('{{{source.r_id}}}', scopeWith()).value).toBe('61');
  });

  it('keeps this, @index and block params working inside blocks', () => {
    const scope = scopeWith({ list: { items: ['x', 'y'], people: [{ name: 'A' }, { name: 'B' }] } });
    expect(renderText('{{#each list.items}}{{@index}}={{this}};{{/each}}', scope).value).toBe('0=x;1=y;');
    expect(renderText('{{#each list.people as |p|}}{{p.name}}{{#unless @last}},{{/unless}}{{/each}}', scope).value).toBe('A,B');
    expect(renderText('{{#if source.r_id}}yes{{else}}no{{/if}} {{#if source.email}}yes{{else}}no{{/if}}', scope).value).toBe(
      'yes no',
    );
    expect(renderText('{{#with list}}{{items.[1]}} {{@root.source.r_id}} {{../source.r_id}}{{/with}}', scope).value).toBe(
      'y 61 61',
    );
    expect(renderText('{{#each list.people as |p i|}}{{i}}:{{p.name}}/{{name}} {{/each}}', scope).value).toBe('0:A/A 1:B/B ');
    expect(renderText('{{source.r_id.length}} {{list.items.length}}', scope).value).toBe('2 2');
  });

  it('renders text without expressions as it is', () => {
    expect(renderText('plain {text} } {', scopeWith())).toEqual({ value: 'plain {text} } {', unresolved: [] });
  });

  it('does not re-read an inserted value as a template', () => {
    const scope = scopeWith({ source: { note: '{{secrets.UON_KEY}}' } });
    expect(renderText('{{source.note}}', scope).value).toBe('{{secrets.UON_KEY}}');
  });
});

describe('renderUrl', () => {
  it('builds the U-ON request address', () => {
    const { value } = renderUrl('https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json', scopeWith());
    expect(value).toBe('https://api.u-on.ru/KEY/request/61.json');
  });

  it('keeps a hostile value inside its path segment', () => {
    const scope = scopeWith({ source: { r_id: '1/../admin?x=1#y' } });
    const { value } = renderUrl('https://api.u-on.ru/KEY/request/{{source.r_id}}.json', scope);
    expect(value).toBe('https://api.u-on.ru/KEY/request/1%2F..%2Fadmin%3Fx%3D1%23y.json');
    const url = new URL(value);
    expect(url.host).toBe('api.u-on.ru');
    expect(url.pathname).toBe('/KEY/request/1%2F..%2Fadmin%3Fx%3D1%23y.json');
    expect(url.search).toBe('');
  });

  it('encodes values in the query and leaves the written text alone', () => {
    const scope = scopeWith({ source: { q: 'a&b=c d', name: 'Пётр' } });
    expect(renderUrl('https://x.test/s?q={{source.q}}&n={{source.name}}&fixed=a b', scope).value).toBe(
      'https://x.test/s?q=a%26b%3Dc%20d&n=%D0%9F%D1%91%D1%82%D1%80&fixed=a b',
    );
  });

  it('encodes helper results too and survives lone surrogates', () => {
    const scope = scopeWith({ source: { a: 'x/y', bad: 'a\uD800b' } });
    expect(renderUrl('/{{upper source.a}}/{{source.bad}}', scope).value).toBe('/X%2FY/a%EF%BF%BDb');
  });
});

describe('renderValue', () => {
  it('keeps the type of a single reference', () => {
    const scope = scopeWith({ fetch_request: fetchRequest });
    expect(renderValue('{{fetch_request.body}}', scope).value).toBe(fetchRequest.body);
    expect(renderValue('  {{fetch_request.body.request.[0].price}}\n', scope).value).toBe(150000);
    expect(renderValue('{{fetch_request.body.request.[0].closed}}', scope).value).toBeNull();
  });

  it('gives undefined and reports a missing single reference', () => {
    expect(renderValue('{{event.none}}', scopeWith())).toEqual({ value: undefined, unresolved: ['event.none'] });
  });

  it('renders anything else as text', () => {
    const scope = scopeWith({ fetch_request: fetchRequest });
    expect(renderValue('id {{fetch_request.body.request.[0].id}}', scope).value).toBe('id 61');
    expect(renderValue('{{source.r_id}}{{source.r_id}}', scope).value).toBe('6161');
  });

  it('keeps the type a helper returns when it is the only expression', () => {
    expect(renderValue('{{number source.r_id}}', scopeWith()).value).toBe(61);
  });
});

describe('template safety', () => {
  const probes = [
    '{{constructor.constructor}}',
    '{{__proto__}}',
    '{{source.__proto__.polluted}}',
    '{{source.constructor.name}}',
    '{{#with source}}{{constructor}}{{/with}}',
    '{{lookup source "constructor"}}',
    '{{lookup (lookup source "constructor") "prototype"}}',
    '{{source.toString}}',
    '{{toString}}',
    '{{this.constructor}}',
    '{{@toString}}',
    '{{@root.constructor}}',
    '{{#each source.tags as |t|}}{{t.constructor}}{{/each}}',
    '{{#with source}}{{../constructor}}{{/with}}',
    '{{source.hasOwnProperty}}',
    '{{#each source.constructor}}x{{/each}}',
    '{{concat source.constructor source.toString}}',
  ];

  // A probe under `source` names no parameter the request carried, so it may fail as missing_parameter.
  const renderedOrMissing = (template: string): string => {
    try {
      return renderText(template, scopeWith()).value;
    } catch (error) {
      if ((error as { code?: string }).code === 'missing_parameter') return '';
      throw error;
    }
  };

  it.each(probes)('%s gives nothing', (template) => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(renderedOrMissing(template)).toBe('');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('does not let a template change Object.prototype', () => {
    renderText('{{#with __proto__}}{{polluted}}{{/with}}', scopeWith());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses partials, decorators and unknown helpers with a template_error', () => {
    for (const template of ['{{> header}}', '{{#> layout}}x{{/layout}}', '{{* deco}}', '{{exec "rm"}}', '{{source.r_id.call 1}}']) {
      const failure = failureOf(() => renderText(template, scopeWith()));
      expect(failure.code).toBe('template_error');
    }
    expect(failureOf(() => renderText('{{exec "rm"}}', scopeWith())).message).toMatch(/"exec" is not a known helper/);
    expect(failureOf(() => renderText('{{#foo}}x{{/foo}}', scopeWith())).message).toMatch(/\{\{#foo\}\} is not a known block/);
  });

  it('explains syntax errors in plain words', () => {
    expect(failureOf(() => renderText('Hello {{source.r_id', scopeWith())).message).toMatch(/not (written correctly|closed)/);
    expect(failureOf(() => renderText('{{#if source.r_id}}open', scopeWith())).message).toBe(
      'The template ends before a {{ }} expression or a {{#block}} is closed (line 1)',
    );
    expect(failureOf(() => renderText('{{#if a}}\n{{/each}}', scopeWith())).message).toBe(
      'The block {{#if}} opened on line 1 is closed with {{/each}}',
    );
  });

  it('refuses templates over 100 000 characters', () => {
    const failure = failureOf(() => renderText('x'.repeat(100_001), scopeWith()));
    expect(failure.code).toBe('template_error');
    expect(failure.message).toMatch(/100000/);
  });

  it('turns runtime trouble into a template_error', () => {
    const failure = failureOf(() => renderText('{{#with source.r_id source.email}}x{{/with}}', scopeWith()));
    expect(failure.code).toBe('template_error');
  });

  it('stops a render that would run away, with a plain step error', () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => i);
    const scope = { source: { rows }, event: { method: 'GET', query: {}, headers: {}, body: null }, secrets: {} };
    const huge = '{{#each source.rows}}{{#each ../source.rows}}{{../this}}-{{this}},{{/each}}{{/each}}';
    let code = '';
    try {
      renderText(huge, scope);
    } catch (error) {
      code = (error as { code?: string }).code ?? String(error);
    }
    expect(['template_too_large', 'template_timeout']).toContain(code);
  });
});
