import type { ExecutorRegistry } from '@provod/engine';
import { HttpRequestExecutor } from './http-request/http-request.executor';
import { JsonComposerExecutor } from './json-composer/json-composer.executor';
import { JsonParserExecutor } from './json-parser/json-parser.executor';

/** One line per action type; the ExecutorRegistry type makes a missing one a compile error. */
export function createExecutorRegistry(): ExecutorRegistry {
  return {
    http_request: new HttpRequestExecutor(),
    json_parser: new JsonParserExecutor(),
    json_composer: new JsonComposerExecutor(),
  };
}
