/**
 * The entry of a sandbox thread (loaded by piscina, see piscina.sandbox.ts). Each call runs one
 * pure task; the thread can be terminated at any moment without losing anything but that task.
 */
import { runSandboxJob, type SandboxJob } from './sandbox.tasks';

export default function run(job: SandboxJob): ReturnType<typeof runSandboxJob> {
  return runSandboxJob(job);
}
