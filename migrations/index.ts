import { InitialSchema1764300000000 } from './1764300000000-InitialSchema';
import { FailureHandling1764300000001 } from './1764300000001-FailureHandling';

/** Every migration, oldest first. TypeORM records which ones a database has run. */
export const MIGRATIONS = [InitialSchema1764300000000, FailureHandling1764300000001];
