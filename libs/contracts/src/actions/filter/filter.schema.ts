import { z } from 'zod';
import { actionBaseShape } from '../action-base';

/** How a condition compares its two sides; `is_empty`/`is_not_empty` ignore the right side. */
export const FILTER_OPERATORS = ['equals', 'not_equals', 'contains', 'is_empty', 'is_not_empty', 'greater', 'less'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Operators that read the right side. */
export const FILTER_BINARY_OPERATORS: readonly FilterOperator[] = ['equals', 'not_equals', 'contains', 'greater', 'less'];

export const filterConditionSchema = z.object({
  /** A template for the value tested, e.g. `{{source.type_id}}` or `{{uon.body.request[0].status}}`. */
  left: z.string().min(1).max(10_000),
  operator: z.enum(FILTER_OPERATORS).default('equals'),
  /** A template or plain text the left side is compared with. */
  right: z.string().max(10_000).default(''),
  /** `number` reads both sides as numbers ("1 500,5" is 1500.5); `text` compares them as written. */
  compareAs: z.enum(['text', 'number']).default('text'),
});
export type FilterCondition = z.infer<typeof filterConditionSchema>;

export const filterSettingsSchema = z.object({
  /** `all`: every condition must hold; `any`: one is enough. */
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(filterConditionSchema).min(1, 'a filter needs at least one condition').max(50),
});
export type FilterSettings = z.infer<typeof filterSettingsSchema>;

export const filterActionSchema = z.object({
  ...actionBaseShape,
  type: z.literal('filter'),
  settings: filterSettingsSchema,
});

/** One condition as it was judged, shown in history: what was compared with what. */
export interface FilterConditionResult {
  index: number;
  operator: FilterOperator;
  compareAs: 'text' | 'number';
  /** The sides after rendering, cut to a preview when long. */
  left: unknown;
  right?: unknown;
  held: boolean;
}

/** What a filter step gives later steps and the history. */
export interface FilterOutput {
  passed: boolean;
  match: 'all' | 'any';
  conditions: FilterConditionResult[];
  /** The conditions that did not hold, when the event was filtered out. */
  failed?: FilterConditionResult[];
}
