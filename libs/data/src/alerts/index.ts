export * from './alert-queue';
export * from './alerts.repository';
