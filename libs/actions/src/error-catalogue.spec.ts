import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ACTION_ERRORS, ACTION_TYPES, ENGINE_ERRORS, type ErrorEntry, type ErrorFacts, type StepErrorCode } from '@provod/contracts';
import { StepFailure } from '@provod/engine';

const ROOT = join(__dirname, '..', '..', '..');
// `new StepFailure('code'`, across line breaks.
const THROWN = /new StepFailure\(\s*'([a-z_]+)'/g;
// The worker also records a StepError by hand (`code: 'system_error'`) when the queue gives up.
const THROWN_OR_RECORDED = /(?:new StepFailure\(\s*|\bcode: )'([a-z_]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(spec|test)\.tsx?$/.test(name) ? [path] : [];
  });
}

function emittedCodes(dir: string, pattern = THROWN): Array<{ code: string; file: string }> {
  return sourceFiles(dir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => ({ code: match[1] as string, file: relative(ROOT, file) })),
  );
}

const EMPTY: ErrorFacts = { details: {}, message: '' };
const FULL: ErrorFacts = {
  step: 'Шаг',
  service: 'Envybox',
  host: 'x.envycrm.com',
  status: 401,
  secret: 'ENVYBOX_KEY',
  details: { field: 'phone', path: 'request[0].phone', parameter: 'r_id', received: ['type_id'], cause: 'ECONNREFUSED', cast: 'number', address: '10.0.0.1' },
  message: '',
};

function expectWritten(entry: ErrorEntry | undefined, where: string): void {
  expect({ where, entry: entry !== undefined }).toEqual({ where, entry: true });
  for (const facts of [EMPTY, FULL]) {
    for (const text of [entry?.ru(facts), entry?.en(facts), entry?.hintRu(facts), entry?.hintEn(facts)]) {
      expect({ where, text }).toEqual({ where, text: expect.stringMatching(/\S/) });
      expect({ where, text }).not.toEqual({ where, text: expect.stringMatching(/undefined|null|\[object/) });
    }
    expect({ where, ru: entry?.ru(facts) }).toEqual({ where, ru: expect.stringMatching(/[а-яё]/i) });
    expect({ where, hint: entry?.hintRu(facts) }).toEqual({ where, hint: expect.stringMatching(/[а-яё]/i) });
  }
}

describe('the error catalogue', () => {
  it('has Russian and English text and a hint for every code an action type emits', () => {
    let checked = 0;
    for (const type of ACTION_TYPES) {
      const folder = join(__dirname, type.replace(/_/g, '-'));
      for (const { code, file } of emittedCodes(folder)) {
        const entry = ACTION_ERRORS[type][code] ?? (ENGINE_ERRORS as Record<string, ErrorEntry>)[code];
        expectWritten(entry, `${code} (${file})`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('has an entry for every code the engine and the worker emit', () => {
    const found = [...emittedCodes(join(ROOT, 'libs', 'engine', 'src')), ...emittedCodes(join(ROOT, 'apps', 'worker', 'src', 'operations'), THROWN_OR_RECORDED)];
    expect(found.map((item) => item.code)).toEqual(expect.arrayContaining(['template_error', 'system_error']));
    for (const { code, file } of found) expectWritten((ENGINE_ERRORS as Record<string, ErrorEntry>)[code], `${code} (${file})`);
  });

  it('writes every entry it has in both languages', () => {
    for (const [code, entry] of Object.entries(ENGINE_ERRORS)) expectWritten(entry, code);
    for (const type of ACTION_TYPES) for (const [code, entry] of Object.entries(ACTION_ERRORS[type])) expectWritten(entry, `${type}.${code}`);
  });

  it('is the only source of the codes a StepFailure may carry', () => {
    const catalogued: StepErrorCode[] = ['invalid_response_json', 'invalid_input_json', 'not_a_number', 'mail_outcome_unknown', 'template_error'];
    for (const code of catalogued) expect(new StepFailure(code, 'm').toStepError().code).toBe(code);
    // `invalid_json` meant two things and was split; a code without words in both languages does not compile.
    // @ts-expect-error not in any catalogue
    expect(new StepFailure('invalid_json', 'm').code).toBe('invalid_json');
  });
});
