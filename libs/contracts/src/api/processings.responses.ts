import type { Action } from '../actions';
import type { ProcessingView, WebhookSource } from '../processing.schema';
import type { ReadinessProblem } from '../readiness';

/** What the processing endpoints answer besides `ProcessingView` itself (`/api/processings/*`). */

/** A save's answer (create, PUT, PATCH, restore): the processing as stored, and what would still stop it working. */
export type SavedProcessing = ProcessingView & { warnings: ReadinessProblem[] };

/** POST …/versions/:v/restore: the new version, and the one it copied. */
export type RestoredProcessing = SavedProcessing & { restoredFrom: number };

/** GET /api/processings/stats, one per processing. */
export interface ProcessingStats {
  processingId: string;
  lastEventAt: string | null;
  succeeded24h: number;
  failed24h: number;
  held: number;
}

export const CHART_RANGES = ['24h', '7d'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

export interface ChartBucket {
  start: string;
  succeeded: number;
  failed: number;
  /** Stopped by a filter step: not a failure, shown apart from the rest. */
  filtered: number;
  other: number;
}

/** GET …/chart: an hour (24h) or six hours (7d) per bucket, oldest first. */
export interface ProcessingChart {
  buckets: ChartBucket[];
}

/** Who saved a version, as it read at save time; null for versions saved before authors were kept. */
export interface VersionAuthor {
  /** Null once the account is deleted; the e-mail and name stay. */
  userId: string | null;
  email: string;
  name: string;
}

export interface VersionSummary {
  version: number;
  savedAt: string;
  author: VersionAuthor | null;
  /** The version this one copied, when it was saved by a restore. */
  restoredFrom: number | null;
}

export interface VersionDetail extends VersionSummary {
  source: WebhookSource;
  actions: Action[];
}

/** GET …/versions: newest first, and the number of the current one. */
export interface VersionList {
  current: number;
  versions: VersionSummary[];
}

/** How many events an action on held or failed events concerned. */
export interface EventCount {
  count: number;
}
