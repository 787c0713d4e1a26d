import type { Action, WebhookSource } from '@provod/contracts';
import { describe, expect, it } from 'vitest';
import { composeStep, fetchStep, parseStep } from '../test-fixtures';
import { diffDefinitions, diffValues, shortValue } from './definition-diff';

const source: WebhookSource = { type: 'webhook', methods: ['GET', 'POST'], parameters: [{ name: 'r_id', keys: ['r_id'] }], dedup: null };

describe('diffValues', () => {
  it('names added, removed and changed leaves by path, into arrays too', () => {
    expect(diffValues({ a: 1, b: { c: [1, 2] }, gone: true }, { a: 2, b: { c: [1, 3, 4] }, fresh: 'x' })).toEqual([
      { path: 'a', kind: 'changed', before: 1, after: 2 },
      { path: 'b.c[1]', kind: 'changed', before: 2, after: 3 },
      { path: 'b.c[2]', kind: 'added', after: 4 },
      { path: 'gone', kind: 'removed', before: true },
      { path: 'fresh', kind: 'added', after: 'x' },
    ]);
    expect(diffValues({ a: [1] }, { a: [1] })).toEqual([]);
  });
});

describe('diffDefinitions', () => {
  it('reports the source field by field and each step by name: changed, moved, added, removed', () => {
    const renamed: Action = { ...fetchStep, name: 'Fetch it', settings: { ...fetchStep.settings, url: 'https://example.com/{{source.r_id}}' } };
    const diff = diffDefinitions(
      { source, actions: [fetchStep, parseStep, composeStep] },
      { source: { ...source, parameters: [{ name: 'lead_id', keys: ['r_id'] }] }, actions: [parseStep, renamed] },
    );
    expect(diff.same).toBe(false);
    expect(diff.source).toEqual([{ path: 'parameters[0].name', kind: 'changed', before: 'r_id', after: 'lead_id' }]);
    expect(diff.steps).toEqual([
      { id: 'a2', name: 'Parse the request', kind: 'changed', changes: [{ path: 'position', kind: 'changed', before: 2, after: 1 }] },
      {
        id: 'a1',
        name: 'Fetch it',
        kind: 'changed',
        changes: [
          { path: 'position', kind: 'changed', before: 1, after: 2 },
          { path: 'name', kind: 'changed', before: 'Fetch the request', after: 'Fetch it' },
          { path: 'settings.url', kind: 'changed', before: fetchStep.settings.url, after: 'https://example.com/{{source.r_id}}' },
        ],
      },
      { id: 'a3', name: 'Compose the lead', kind: 'removed', changes: [] },
    ]);
  });

  it('says when nothing differs, and cuts long values short', () => {
    expect(diffDefinitions({ source, actions: [fetchStep] }, { source, actions: [fetchStep] })).toEqual({ source: [], steps: [], same: true });
    expect(shortValue('x'.repeat(500), 20)).toHaveLength(20);
    expect(shortValue({ a: 1 })).toBe('{"a":1}');
    expect(shortValue('{"v": 1}')).toBe('"{"v": 1}"');
  });
});
