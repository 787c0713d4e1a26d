export * from './filter.schema';
export * from './filter.errors';
export * from './filter.descriptor';
