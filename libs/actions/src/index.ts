export { createExecutorRegistry } from './registry';
export { HttpRequestExecutor, MAX_RESPONSE_BYTES } from './http-request/http-request.executor';
export type { HttpRequestInput } from './http-request/http-request.builder';
export { UndiciHttpClient } from './http-request/undici-http-client';
export { JsonParserExecutor } from './json-parser/json-parser.executor';
export { parseFieldPath, resolveFieldPath, type PathLookup, type PathSegment } from './json-parser/field-path.resolver';
export { JsonComposerExecutor } from './json-composer/json-composer.executor';
