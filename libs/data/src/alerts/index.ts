export * from './alert-message';
export * from './alert-mailer';
export * from './alert-queue';
export * from './alerts.repository';
