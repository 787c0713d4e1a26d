export * from './capacity-keys';
export * from './capacity.repository';
export * from './destination-host';
