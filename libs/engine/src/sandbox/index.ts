export type { SandboxPort, SandboxReply, SandboxTaskName } from './sandbox.port';
export { exceedsChars, INLINE_INPUT_CHARS, replyOf, runPureTask, valueOf } from './pure-task.runner';
