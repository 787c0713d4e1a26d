/** Injection tokens of the alert providers, apart from them so any alert class can import them. The mailer's is `MAILER` (@provod/mail). */
export const ALERTS_REDIS = Symbol('ALERTS_REDIS');
