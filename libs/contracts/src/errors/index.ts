export * from './error-text';
export * from './service-name';
export * from './engine.errors';
export * from './action-errors';
export * from './describe-step-error';
