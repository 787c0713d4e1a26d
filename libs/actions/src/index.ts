export { createExecutorRegistry } from './registry';
export { PiscinaSandbox, type PiscinaSandboxOptions } from './sandbox/piscina.sandbox';
export { effectOf, type ActionEffect } from './action-effect';
export {
  DEFAULT_MAX_REDIRECTS,
  HttpRequestExecutor,
  MAX_RESPONSE_BYTES,
  type SkippedRequestOutput,
} from './http-request/http-request.executor';
export type { HttpRequestInput } from './http-request/http-request.builder';
export { DEFAULT_CONNECT_TIMEOUT_MS, type HttpSendOptions } from './http-request/http-send.options';
export { UndiciHttpClient, type UndiciHttpClientOptions } from './http-request/undici-http-client';
export {
  type BlockedAddress,
  type BlockedCategory,
  OutboundAddressPolicy,
  parseOutboundAllowList,
} from './http-request/outbound-address.policy';
export { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './http-request/retry-policy';
export { idempotencyKeyFor } from './http-request/idempotency-key.builder';
export { JsonParserExecutor } from './json-parser/json-parser.executor';
export { parseFieldPath, resolveFieldPath, type PathLookup, type PathSegment } from './json-parser/field-path.resolver';
export { JsonComposerExecutor } from './json-composer/json-composer.executor';
export { FilterExecutor } from './filter/filter.executor';
export { SendEmailExecutor } from './send-email/send-email.executor';
export { SmtpMailClient, type SmtpMailClientOptions } from './send-email/smtp-mail.client';
export { retrySettingsOf, type StepRetrySettings } from './action-retry';
export { onInterruption, type InterruptedWrite } from './action-interruption';
