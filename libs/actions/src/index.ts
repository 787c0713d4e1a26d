export { ACTION_DEFINITIONS, createExecutorRegistry } from './registry';
export { defineAction, type ActionDefinition, type ActionRuntime, type ExecutorDeps } from './action-definition';
export { throwWithInput } from './step-input';
export { PiscinaSandbox, type PiscinaSandboxOptions } from './sandbox/piscina.sandbox';
// Derived from the definitions' descriptors (browser-safe, so the web app reads the same rules).
export {
  effectOf,
  onInterruption,
  retrySettingsOf,
  type ActionEffect,
  type InterruptedWrite,
  type StepRetrySettings,
} from '@provod/contracts';
export { HttpRequestExecutor, type SkippedRequestOutput } from './http-request/http-request.executor';
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
