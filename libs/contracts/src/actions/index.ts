export * from './action-base';
export * from './action-descriptor';
export * from './action-types';
export * from './http-request';
export * from './json-parser';
export * from './json-composer';
export * from './filter';
export * from './send-email';
