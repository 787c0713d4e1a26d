export * from './error-text';
export * from './service-name';
export * from './engine.errors';
export * from './action-errors';
export * from './describe-step-error';
export * from '../actions/http-request.errors';
export * from '../actions/json-parser.errors';
export * from '../actions/json-composer.errors';
