/** What stands in the history, logs and e-mails where a secret was. */
export const MASK = '••••••';
