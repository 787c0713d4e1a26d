/** Injection tokens of the alert providers, apart from them so any alert class can import them. */
export const ALERTS_REDIS = Symbol('ALERTS_REDIS');
export const ALERT_MAILER = Symbol('ALERT_MAILER');
