export * from './mailer';
export * from './mail.module';
export * from './alert-message';
export * from './account-messages';
