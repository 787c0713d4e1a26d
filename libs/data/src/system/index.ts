export * from './system.repository';
