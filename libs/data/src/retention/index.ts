export * from './retention.repository';
