import { InitialSchema1764300000000 } from './1764300000000-InitialSchema';

/** Every migration, oldest first. TypeORM records which ones a database has run. */
export const MIGRATIONS = [InitialSchema1764300000000];
