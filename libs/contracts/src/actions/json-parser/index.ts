export * from './json-parser.schema';
export * from './json-parser.errors';
export * from './json-parser.descriptor';
