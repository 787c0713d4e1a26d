/** A request the webhook refuses, with the status and the plain reason the sender gets back. */
export class WebhookInputError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
