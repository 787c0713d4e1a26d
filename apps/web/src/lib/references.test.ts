import { describe, expect, it } from 'vitest';
import { flatten, handlebarsPath, parseParserPath, parseReference, parserPath, reference } from './references';

describe('references', () => {
  it('writes Handlebars paths with .[n] for indexes and segment literals for odd keys', () => {
    expect(reference('fetch_request', ['body', 'request', 0, 'id'])).toBe('{{fetch_request.body.request.[0].id}}');
    expect(handlebarsPath('event', ['query', 'client[u_name]'])).toBeNull();
    expect(handlebarsPath('event', ['body', 'first name'])).toBe('event.body.[first name]');
  });

  it('writes Webjack parser paths', () => {
    expect(parserPath(['request', 0, 'id'])).toBe('["request"][0]["id"]');
  });

  it('reads the three parser path forms', () => {
    expect(parseParserPath('["request"][0]["id"]')).toEqual(['request', 0, 'id']);
    expect(parseParserPath('request[0].id')).toEqual(['request', 0, 'id']);
    expect(parseParserPath('$.request[0].id')).toEqual(['request', 0, 'id']);
    expect(parseParserPath('["a"')).toBeNull();
  });

  it('reads a single plain reference back', () => {
    expect(parseReference('{{ fetch_request.body.request.[0] }}')).toEqual({ root: 'fetch_request', segments: ['body', 'request', 0] });
    expect(parseReference('{{digits fields.phone}}')).toBeNull();
    expect(parseReference('x {{a}}')).toBeNull();
  });

  it('flattens containers and leaves, first items of long arrays only', () => {
    const leaves = flatten({ a: [1, 2, 3, 4, 5], b: { c: 'x' } });
    expect(leaves.map((l) => l.segments)).toEqual([['a'], ['a', 0], ['a', 1], ['a', 2], ['b'], ['b', 'c']]);
  });
});
