import type { ActionOf, ParserField } from '@provod/contracts';
import {
  type ActionExecutor,
  describeJsonError,
  type ExecutionContext,
  maskedPreview,
  renderValue,
  runPureTask,
  scopeFor,
  type SandboxPort,
  type Scope,
  type StepOutcome,
  StepFailure,
} from '@provod/engine';
import { exceedsDepth, exceedsJsonSize, MAX_DATA_CHARS, MAX_DATA_DEPTH } from './data-size.guard';
import { type PathLookup, resolveFieldPath } from './field-path.resolver';
import { castFieldValue } from './field-value.caster';
import { describeMiss } from './missing-field.message';
import { throwWithInput } from '../step-input';

export class JsonParserExecutor implements ActionExecutor<'json_parser'> {
  /** Without a sandbox (unit tests) the step runs in place. */
  constructor(private readonly sandbox?: SandboxPort) {}

  async execute(action: ActionOf<'json_parser'>, context: ExecutionContext): Promise<StepOutcome> {
    return runPureTask(this.sandbox, 'json_parser.parse', { action, scope: scopeFor(action.settings, context.scope) }, parseJsonStep);
  }
}

export interface JsonParserTask {
  action: ActionOf<'json_parser'>;
  scope: Scope;
}

/** The whole step, pure and synchronous, so it can run in a sandbox thread: render, parse, pick fields. */
export function parseJsonStep({ action, scope }: JsonParserTask): StepOutcome {
  const { fields } = action.settings;
  const recorded: { input: unknown; fields: ParserField[] } = { input: undefined, fields };
  try {
    const rendered = renderValue(action.settings.input, scope);
    recorded.input = rendered.value;
    const secrets = Object.values(scope.secrets);
    const data = parseIfText(rendered.value, secrets);
    recorded.input = data;
    if (exceedsDepth(data)) {
      recorded.input = `(nested more than ${MAX_DATA_DEPTH} levels deep; not recorded)`;
      throw new StepFailure(
        'input_too_deep',
        `The input is nested more than ${MAX_DATA_DEPTH} levels deep; Provod reads data up to ${MAX_DATA_DEPTH} levels`,
      );
    }
    const output: Record<string, unknown> = {};
    for (const field of fields) {
      Object.defineProperty(output, field.name, {
        value: fieldValue(field, data, secrets),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (exceedsJsonSize(output)) {
      throw new StepFailure(
        'output_too_large',
        `The fields found would take more than ${MAX_DATA_CHARS / (1024 * 1024)} MB; pick smaller parts of the input`,
      );
    }
    return { input: recorded, output, unresolved: rendered.unresolved };
  } catch (error) {
    throwWithInput(error, recorded);
  }
}

/** Text that holds JSON (a raw body, a form field carrying a JSON document) is parsed first. */
function parseIfText(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') throw new StepFailure('empty_input', 'The input is empty, there is no JSON to read');
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    const fallback = error instanceof Error ? error.message : String(error);
    // Masked before it is cut: a preview cut first could end in the start of a key.
    const preview = maskedPreview(value, secrets, 200);
    throw new StepFailure('invalid_input_json', `The input is not valid JSON (${describeJsonError(value, fallback)}): ${preview}`);
  }
}

/**
 * A value that is missing or null (after its cast) takes the field's default, cast the same way; a
 * required field without one fails, since sending a CRM an empty client name is worse than stopping
 * and saying so.
 */
function fieldValue(field: ParserField, data: unknown, secrets: readonly string[]): unknown {
  const lookup = resolveFieldPath(data, field.path);
  const value = lookup.found ? castFieldValue(field, lookup.value, lookup.multiple === true, secrets) : undefined;
  if (value !== null && value !== undefined) return value;
  if (field.default !== undefined && field.default !== null) return castFieldValue(field, field.default, false, secrets);
  if (field.required) {
    const message = lookup.found
      ? `Field ${field.name}: the value at path ${field.path} is ${lookup.value === null ? 'empty (null)' : 'empty text'}`
      : `Field ${field.name}: nothing at path ${field.path}; ${describeMiss(lookup as MissLookup)}`;
    throw new StepFailure('missing_field', message, { field: field.name, path: field.path });
  }
  return null;
}

type MissLookup = Extract<PathLookup, { found: false }>;
