export * from './accounts.repository';
export * from './sessions.repository';
export * from './invites.repository';
export * from './password-resets.repository';
