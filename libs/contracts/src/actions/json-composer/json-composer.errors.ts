import type { ErrorCatalogue } from '../../errors/error-text';

/**
 * A JSON composer fails only with the engine's template codes (`invalid_template`, `template_error`…),
 * so its own catalogue is empty; it exists so that every action type has one.
 */
export const JSON_COMPOSER_ERROR_CODES = [] as const;
export type JsonComposerErrorCode = (typeof JSON_COMPOSER_ERROR_CODES)[number];

export const JSON_COMPOSER_ERRORS: ErrorCatalogue<JsonComposerErrorCode> = {};
