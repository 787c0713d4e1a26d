export * from './actions';
export * from './processing.schema';
export * from './operation';
export * from './extract-params';
export * from './errors';
export * from './readiness';
export * from './workspace-settings.schema';
export * from './template-wizard';
