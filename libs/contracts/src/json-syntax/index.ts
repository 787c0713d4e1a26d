export { checkJson, type JsonProblem, type JsonProblemCode } from './json-syntax.checker';
