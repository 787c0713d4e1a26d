export * from './ports';
export * from './step-failure';
export * from './scope';
export * from './executor';
export * from './run-operation';
export * from './template';
export * from './mask';
export * from './readiness';
