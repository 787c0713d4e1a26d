import { describe, expect, it } from 'vitest';
import { moveItem, newAction, renameReferences, sameDraft, uniqueKey } from './draft';
import { fetchStep } from './test-fixtures';

describe('editor draft helpers', () => {
  it('renames a step key inside every reference, helpers included', () => {
    const settings = { template: '{"a": "{{fields.x}}", "b": "{{digits fields.phone}}", "c": "{{default fields.y \\"no\\"}}", "d": "{{fieldsmore.z}}"}' };
    expect(renameReferences(settings, 'fields', 'parsed').template).toBe(
      '{"a": "{{parsed.x}}", "b": "{{digits parsed.phone}}", "c": "{{default parsed.y \\"no\\"}}", "d": "{{fieldsmore.z}}"}',
    );
  });

  it('keeps keys unique and off the reserved roots', () => {
    expect(uniqueKey('request', ['request'])).toBe('request_2');
    expect(uniqueKey('source', [])).toBe('source_2');
  });

  it('makes a parser read the previous HTTP step’s body', () => {
    const parser = newAction('json_parser', 'Parse', [fetchStep]);
    expect(parser.type === 'json_parser' && parser.settings.input).toBe('{{fetch_request.body}}');
  });

  it('starts a composer empty, so an inserted {{lead}} is the whole document', () => {
    const composer = newAction('json_composer', 'Compose', [fetchStep]);
    expect(composer.type === 'json_composer' && composer.settings.template).toBe('');
  });

  it('moves steps and compares drafts regardless of key order', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    const source = { type: 'webhook' as const, methods: ['GET' as const], parameters: [], dedup: null };
    expect(sameDraft({ name: 'x', source, actions: [] }, { actions: [], name: 'x', source: { dedup: null, parameters: [], methods: ['GET'], type: 'webhook' } })).toBe(true);
  });
});
