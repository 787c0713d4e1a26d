export * from './template-wizard.schema';
export * from './apply-template';
export * from './template-problems';
