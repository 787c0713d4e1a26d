import type { ExecutorRegistry, SandboxPort } from '@provod/engine';
import { HttpRequestExecutor } from './http-request/http-request.executor';
import { JsonComposerExecutor } from './json-composer/json-composer.executor';
import { JsonParserExecutor } from './json-parser/json-parser.executor';
import { FilterExecutor } from './filter/filter.executor';
import { SendEmailExecutor } from './send-email/send-email.executor';

/**
 * One line per action type; the ExecutorRegistry type makes a missing one a compile error. The
 * sandbox is where rendering and parsing that may be expensive run (absent: everything runs in place).
 */
export function createExecutorRegistry(options: { sandbox?: SandboxPort } = {}): ExecutorRegistry {
  return {
    http_request: new HttpRequestExecutor(options.sandbox),
    json_parser: new JsonParserExecutor(options.sandbox),
    json_composer: new JsonComposerExecutor(options.sandbox),
    filter: new FilterExecutor(options.sandbox),
    send_email: new SendEmailExecutor(options.sandbox),
  };
}
