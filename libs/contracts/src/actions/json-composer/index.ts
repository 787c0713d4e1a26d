export * from './json-composer.schema';
export * from './json-composer.errors';
export * from './json-composer.descriptor';
