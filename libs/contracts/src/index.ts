export * from './actions';
export * from './processing.schema';
export * from './operation';
