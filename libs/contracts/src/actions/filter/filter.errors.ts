import { detailText, type ErrorCatalogue } from '../../errors/error-text';

/**
 * A filter fails only when it cannot decide: a side compared as a number is not one. Conditions
 * that do not hold are no failure: the operation ends as `filtered`.
 */
export const FILTER_ERROR_CODES = ['not_a_number'] as const;
export type FilterErrorCode = (typeof FILTER_ERROR_CODES)[number];

export const FILTER_ERRORS: ErrorCatalogue<FilterErrorCode> = {
  not_a_number: {
    ru: (f) => `Условие ${detailText(f, 'condition') ?? ''} сравнивает числа, но значение «${detailText(f, 'value') ?? ''}» — не число`.replace('  ', ' '),
    en: (f) => `Condition ${detailText(f, 'condition') ?? ''} compares numbers, but "${detailText(f, 'value') ?? ''}" is not a number`.replace('  ', ' '),
    hintRu: () => 'Проверьте, что поле ссылается на числовое значение, или сравнивайте «как текст».',
    hintEn: () => 'Check that the field refers to a numeric value, or compare "as text".',
  },
};
