export * from './http-request.schema';
export * from './http-request.errors';
export * from './http-request.descriptor';
