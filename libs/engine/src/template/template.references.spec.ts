import { isStepFailure } from '../step-failure';
import { listReferences, referencedRoots } from './template.references';

describe('listReferences', () => {
  it('lists plain references as written, once, in order', () => {
    expect(
      listReferences(
        'https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json?x={{source.r_id}}&n={{fetch_request.body.request.[0].client_name}}',
      ),
    ).toEqual(['secrets.UON_KEY', 'source.r_id', 'fetch_request.body.request.[0].client_name']);
  });

  it('includes helper arguments and block conditions but not helper names', () => {
    expect(listReferences('{{default source.email (upper fields.name) "none"}}{{#if source.vip}}VIP{{/if}}')).toEqual([
      'source.email',
      'fields.name',
      'source.vip',
    ]);
  });

  it('leaves out names relative to an {{#each}} item, but keeps @root references', () => {
    expect(
      listReferences('{{#each fetch.body.items as |item|}}{{item.name}} {{name}} {{@index}} {{@root.source.r_id}}{{/each}}{{this.x}}'),
    ).toEqual(['fetch.body.items', 'source.r_id', 'x']);
  });

  it('gives nothing for plain text and a template_error for broken syntax', () => {
    expect(listReferences('no expressions')).toEqual([]);
    let failure: unknown;
    try {
      listReferences('{{source.r_id');
    } catch (error) {
      failure = error;
    }
    expect(isStepFailure(failure) && failure.code).toBe('template_error');
  });
});

describe('referencedRoots', () => {
  it('names the top-level scope names a template reaches', () => {
    expect(referencedRoots('{{fields.a}} {{upper (concat lead.x "y")}} {{#each fetch.body.items}}{{name}}{{/each}}')).toEqual(
      new Set(['fields', 'lead', 'fetch']),
    );
    expect(referencedRoots('{{#if source.r_id}}{{default secrets.K "-"}}{{/if}} {{#with event.query}}{{r_id}}{{/with}}')).toEqual(
      new Set(['source', 'secrets', 'event']),
    );
    expect(referencedRoots('no template')).toEqual(new Set());
  });

  it('gives up (null) where a template may reach anything', () => {
    for (const template of ['{{this}}', '{{json .}}', '{{#each a}}{{../b}}{{/each}}', '{{#with a}}{{@root.b}}{{/with}}', '{{broken']) {
      expect(referencedRoots(template)).toBeNull();
    }
    expect(referencedRoots('{{#each a}}{{this}} {{@index}}{{/each}}')).toEqual(new Set(['a']));
  });
});
