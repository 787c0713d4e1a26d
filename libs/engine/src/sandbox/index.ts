export type { SandboxPort, SandboxReply, SandboxTaskName } from './sandbox.port';
export { exceedsChars, INLINE_INPUT_CHARS, replyOf, runPureTask, scopeFor, valueOf } from './pure-task.runner';
