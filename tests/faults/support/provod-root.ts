import { join } from 'node:path';

/**
 * The checkout whose built API and worker the fault suite runs: this one, or FAULTS_PROVOD_ROOT (for
 * example a clean `git worktree` of a commit, to test it while this tree has work in progress).
 */
export const provodRoot = process.env.FAULTS_PROVOD_ROOT ?? join(__dirname, '../../..');
