import { InitialSchema1764300000000 } from './1764300000000-InitialSchema';
import { FailureHandling1764300000001 } from './1764300000001-FailureHandling';
import { Accounts1764300000002 } from './1764300000002-Accounts';
import { Alerts1764300000003 } from './1764300000003-Alerts';
import { StepInFlight1764300000010 } from './1764300000010-StepInFlight';
import { AlertOrdering1764300000030 } from './1764300000030-AlertOrdering';
import { HistoryRetention1764300000031 } from './1764300000031-HistoryRetention';
import { StopEmptyProcessings1764300000032 } from './1764300000032-StopEmptyProcessings';
import { AccountsHardening1764300000040 } from './1764300000040-AccountsHardening';
import { MemberRoles1764300000045 } from './1764300000045-MemberRoles';
import { VersionAuthors1764300000046 } from './1764300000046-VersionAuthors';
import { WorkspaceLocale1764300000065 } from './1764300000065-WorkspaceLocale';
import { FilteredStatus1764300000080 } from './1764300000080-FilteredStatus';
import { SessionRotation1764300000049 } from './1764300000049-SessionRotation';
import { DropResumeFromStep1764300000090 } from './1764300000090-DropResumeFromStep';
import { OperationFillfactor1764300000095 } from './1764300000095-OperationFillfactor';
import { OperationCompression1764300000100 } from './1764300000100-OperationCompression';

/** Every migration, oldest first. TypeORM records which ones a database has run. */
export const MIGRATIONS = [
  InitialSchema1764300000000,
  FailureHandling1764300000001,
  Accounts1764300000002,
  Alerts1764300000003,
  StepInFlight1764300000010,
  AlertOrdering1764300000030,
  HistoryRetention1764300000031,
  StopEmptyProcessings1764300000032,
  AccountsHardening1764300000040,
  MemberRoles1764300000045,
  VersionAuthors1764300000046,
  SessionRotation1764300000049,
  WorkspaceLocale1764300000065,
  FilteredStatus1764300000080,
  DropResumeFromStep1764300000090,
  OperationFillfactor1764300000095,
  OperationCompression1764300000100,
];
