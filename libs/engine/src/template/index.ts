export { renderText, renderUrl, renderTextInto, renderValue, renderValueInto, type Rendered, type RenderOptions } from './template.renderer';
export { renderJsonTemplate, type JsonTemplateOptions } from './json-template.renderer';
export { listReferences, referencedRoots } from './template.references';
export { describeJsonError, jsonProblemReason } from './json-syntax.message';
export { MAX_TEMPLATE_LENGTH } from './template.compiler';
export { formatDate } from './date-format.helper';
export { parseLooseBoolean, parseLooseNumber } from './loose-value.helper';
