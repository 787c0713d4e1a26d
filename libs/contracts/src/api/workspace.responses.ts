/** A stored secret as listed: secrets are write-only, so only the name and times come out. */
export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/alerts/test: the message was accepted by the mail server (otherwise a 503 says why). */
export interface TestAlertSent {
  sent: true;
}
