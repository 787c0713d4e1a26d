import type { Scope } from '../scope';
import { isStepFailure } from '../step-failure';
import { renderJsonTemplate } from './json-template.renderer';
import { parseLooseNumber } from './loose-value.helper';
import { BudgetEscalation, withRenderBudget } from './render-budget';
import { renderText, renderValue } from './template.renderer';

const scopeOf = (source: Record<string, unknown>): Scope => ({
  source,
  event: { method: 'GET', query: {}, headers: {}, body: null },
  secrets: {},
});

/** Figures only: a shared machine makes time limits flaky, and the outcome is what is asserted. */
function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    process.stdout.write(`${label}: ${(performance.now() - started).toFixed(1)} ms\n`);
  }
}

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'rendered';
  } catch (error) {
    return isStepFailure(error) ? error.code : String(error);
  }
}

describe('render budget', () => {
  it('fails a replace chain that would build 100 million characters before building it', () => {
    const template = `{{substring (replace (replace source.s "a" source.s) "a" "${'a'.repeat(100)}") 0 3}}`;
    const scope = scopeOf({ s: 'a'.repeat(1_000) });
    expect(timed('replace chain of 100 M characters', () => codeOf(() => renderText(template, scope)))).toBe('template_too_large');
    const whole = timed('the same as a whole JSON leaf', () => codeOf(() => renderJsonTemplate(`{"x":"${template.replaceAll('"', '\\"')}"}`, scope)));
    expect(whole).toBe('template_too_large');
  });

  it('stops chains of case changes and joins over large text', () => {
    const big = 'x'.repeat(5_000_000);
    const chain = '{{upper (lower (upper (lower (upper (lower (upper (lower source.big)))))))}}';
    expect(timed('8 case changes over 5 MB', () => codeOf(() => renderText(chain, scopeOf({ big }))))).toBe('template_too_large');
    const joins = '{{concat source.big source.big source.big source.big source.big source.big source.big}}';
    expect(timed('concat of 7×5 MB', () => codeOf(() => renderText(joins, scopeOf({ big }))))).toBe('template_too_large');
    expect(codeOf(() => renderValue('{{join source.list ""}}', scopeOf({ list: Array(8).fill(big) })))).toBe('template_too_large');
  });

  it('still renders what fits', () => {
    const scope = scopeOf({ s: 'a'.repeat(1_000) });
    expect(renderText('{{substring (replace source.s "a" "bb") 0 3}}', scope).value).toBe('bbb');
    expect(renderText('{{substring "😀a😀b" -3 -1}}', scope).value).toBe('a😀');
    expect(renderText('{{substring "abc" 5}}|{{substring "abc" 2 1}}|{{substring "abc" -10 2}}', scope).value).toBe('||ab');
  });

  it('reads a long run of digits followed by a letter at once', () => {
    const hostile = `${'1'.repeat(60_000)}x`;
    expect(timed('parseLooseNumber of "1"×60 000 + "x"', () => parseLooseNumber(hostile))).toBeNull();
    const huge = `${'1'.repeat(5_000_000)}x`;
    expect(timed('parseLooseNumber of "1"×5 000 000 + "x"', () => parseLooseNumber(huge))).toBeNull();
    expect(timed('{{number}} as a whole leaf', () => renderJsonTemplate('{"n":"{{number source.v}}"}', scopeOf({ v: huge })).value)).toEqual({
      n: '',
    });
    expect(parseLooseNumber('1.5e3')).toBe(1500);
    expect(parseLooseNumber('12.')).toBe(12);
  });

  it('hands a task over its inline budget on instead of failing it', () => {
    const scope = scopeOf({ s: 'a'.repeat(10_000) });
    const tight = { deadline: Date.now() + 60_000, workLeft: 1_000, escalate: true };
    expect(() => withRenderBudget(tight, () => renderText('{{upper source.s}}', scope))).toThrow(BudgetEscalation);
    const roomy = { deadline: Date.now() + 60_000, workLeft: 100_000, escalate: true };
    expect(withRenderBudget(roomy, () => renderText('{{upper source.s}}', scope)).value).toBe('A'.repeat(10_000));
  });
});
