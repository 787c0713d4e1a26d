import type { Scope } from '../scope';
import { isStepFailure } from '../step-failure';
import { compileTemplate } from './template.compiler';
import { renderText, renderUrl } from './template.renderer';

const scope: Scope = {
  source: { r_id: '61', email: '', nothing: null },
  event: { method: 'POST', query: { a: '1' }, headers: {}, body: null },
  secrets: { UON_KEY: 'KEY' },
  fetch: { body: { request: [{ id: 61, name: 'Анна & "Ко"', tags: ['a', 'b'], price: 1.5, closed: null, nested: { x: 1 } }] } },
} as Scope;

/** The same template run by Handlebars: a block keeps it off the plain path and renders its body as is. */
const throughHandlebars = (template: string) => `{{#if true}}${template}{{/if}}`;

function outcome(render: () => { value: string; unresolved: string[] }): unknown {
  try {
    return render();
  } catch (error) {
    if (isStepFailure(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
}

describe('plain templates (text and {{a.b}} lookups only)', () => {
  it('are recognised, and anything with helpers, blocks or other paths is left to Handlebars', () => {
    expect(compileTemplate('a {{source.r_id}} b{{!-- note --}}').plain).toEqual([
      'a ',
      { segments: ['source', 'r_id'], ref: 'source.r_id' },
      ' b',
    ]);
    expect(compileTemplate('{{fetch.body.request.[0].id}}').plain).toEqual([{ segments: ['fetch', 'body', 'request', '0', 'id'], ref: 'fetch.body.request.[0].id' }]);
    for (const other of ['{{upper source.r_id}}', '{{#if source.r_id}}x{{/if}}', '{{@root.source}}', '{{this}}', '{{"text"}}', '{{default source.r_id "x"}}']) {
      expect(compileTemplate(other).plain).toBeNull();
    }
  });

  it.each([
    'Lead {{source.r_id}} for {{fetch.body.request.[0].name}}',
    '{{fetch.body.request.[0].tags}} / {{fetch.body.request.[0].price}} / {{fetch.body.request.[0].closed}} / {{fetch.body.request.[0].nested}}',
    'missing: {{fetch.body.request.[0].absent}} and {{nowhere.at.all}}',
    '{{source.__proto__}}{{fetch.constructor.name}}{{fetch.body.request.length}}',
    '{{source.email}}|{{source.nothing}}',
    '{{~ source.r_id ~}}   {{secrets.UON_KEY}}',
    'needs {{source.absent_parameter}}',
  ])('render exactly as Handlebars does: %s', (template) => {
    expect(compileTemplate(template).plain).not.toBeNull();
    expect(outcome(() => renderText(template, scope))).toEqual(outcome(() => renderText(throughHandlebars(template), scope)));
    const url = `https://h.test/{{fetch.body.request.[0].name}}?id=${template}`;
    expect(outcome(() => renderUrl(url, scope))).toEqual(outcome(() => renderUrl(throughHandlebars(url), scope)));
  });
});
