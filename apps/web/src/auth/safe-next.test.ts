import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const ORIGIN = 'http://192.0.2.2:3000';

describe('safeNext', () => {
  it('keeps paths on this origin, with their query and hash', () => {
    expect(safeNext('/processings/42/history?status=failed#top', ORIGIN)).toBe('/processings/42/history?status=failed#top');
    expect(safeNext('/settings/members', ORIGIN)).toBe('/settings/members');
    // An encoded tab is only text in a path; dot segments resolve on this origin.
    expect(safeNext('/%09/evil.example/../x', ORIGIN)).toBe('/%09/x');
  });

  it('refuses anything that could leave the origin, in every spelling', () => {
    const hostile = [
      '//evil.example',
      '/\\evil.example',
      '/\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '\\\\evil.example',
      ' /processings',
      '/processings\u0000',
      '',
      null,
    ];
    const results = hostile.map((next) => [next, safeNext(next, ORIGIN)]);
    for (const [next, result] of results) {
      expect({ next, result }).toEqual({ next, result: '/processings' });
    }
  });

  it('does not send the user back to the sign-in page', () => {
    expect(safeNext('/login?next=/x', ORIGIN)).toBe('/processings');
  });
});
