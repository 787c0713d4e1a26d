export * from './send-email.schema';
export * from './send-email.errors';
export * from './send-email.descriptor';
