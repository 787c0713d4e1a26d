export * from './capacity-keys';
export * from './capacity.repository';
