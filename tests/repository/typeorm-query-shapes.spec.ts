import { FIRST_WORKSPACE_ID } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';

/**
 * Every repository reads `DataSource.query` results by hand, and TypeORM's PostgreSQL driver shapes
 * them by the statement's command tag: UPDATE and DELETE give `[rows, affectedCount]`, everything
 * else the bare rows. A CTE takes the tag of its final statement. The repositories destructure
 * accordingly (`const [rows] = …` after an UPDATE, `const [row] = …` after an INSERT); should an
 * upgrade of TypeORM or pg change a shape, this spec names which one before a repository misreads it.
 */
describe('TypeORM query result shapes on PostgreSQL', () => {
  const database = useRepositoryDatabase();
  const db = () => database.db;

  beforeEach(async () => {
    await database.sql(`INSERT INTO app_user (email, password_hash) VALUES ('a@example.com', 'x'), ('b@example.com', 'x')`);
  });

  it('SELECT gives the bare rows', async () => {
    const rows = await db().query(`SELECT email FROM app_user ORDER BY email`);
    expect(rows).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    expect(await db().query(`SELECT email FROM app_user WHERE false`)).toEqual([]);
  });

  it('SELECT … FOR UPDATE gives the bare rows', async () => {
    const rows = await db().transaction((tx) => tx.query(`SELECT email FROM app_user WHERE email = 'a@example.com' FOR UPDATE`));
    expect(rows).toEqual([{ email: 'a@example.com' }]);
  });

  it('INSERT gives the bare rows: RETURNING rows, or none', async () => {
    const returned = await db().query(`INSERT INTO app_user (email, password_hash) VALUES ('c@example.com', 'x') RETURNING email`);
    expect(returned).toEqual([{ email: 'c@example.com' }]);
    const plain = await db().query(`INSERT INTO app_user (email, password_hash) VALUES ('d@example.com', 'x')`);
    expect(plain).toEqual([]);
  });

  it('INSERT … ON CONFLICT: DO NOTHING returns no row on a conflict, DO UPDATE the updated one', async () => {
    await db().query(`INSERT INTO install_owner (user_id) SELECT id FROM app_user WHERE email = 'a@example.com'`);
    const nothing = await db().query(
      `INSERT INTO install_owner (user_id) SELECT id FROM app_user WHERE email = 'b@example.com' ON CONFLICT DO NOTHING RETURNING user_id`,
    );
    expect(nothing).toEqual([]);
    const updated = await db().query(
      `INSERT INTO secret (workspace_id, name, value_encrypted) VALUES ($1, 'k', '\\x01'), ($1, 'l', '\\x02')
       ON CONFLICT ON CONSTRAINT secret_workspace_name_key DO UPDATE SET value_encrypted = EXCLUDED.value_encrypted RETURNING name`,
      [FIRST_WORKSPACE_ID],
    );
    expect(updated).toEqual([{ name: 'k' }, { name: 'l' }]);
  });

  it('UPDATE gives [rows, affected]: rows only with RETURNING', async () => {
    expect(await db().query(`UPDATE app_user SET name = 'n'`)).toEqual([[], 2]);
    expect(await db().query(`UPDATE app_user SET name = 'm' WHERE email = 'a@example.com' RETURNING email, name`)).toEqual([
      [{ email: 'a@example.com', name: 'm' }],
      1,
    ]);
    expect(await db().query(`UPDATE app_user SET name = 'm' WHERE false RETURNING email`)).toEqual([[], 0]);
  });

  it('DELETE gives [rows, affected]: rows only with RETURNING', async () => {
    expect(await db().query(`DELETE FROM app_user WHERE email = 'a@example.com' RETURNING email`)).toEqual([[{ email: 'a@example.com' }], 1]);
    expect(await db().query(`DELETE FROM app_user WHERE email = 'nobody@example.com'`)).toEqual([[], 0]);
    expect(await db().query(`DELETE FROM app_user`)).toEqual([[], 1]);
  });

  it('a CTE takes the shape of its final statement', async () => {
    // OperationsRepository.claim: WITH … UPDATE … RETURNING.
    const update = await db().query(
      `WITH target AS (SELECT id FROM app_user WHERE email = 'a@example.com') UPDATE app_user u SET name = 'x' FROM target t WHERE u.id = t.id RETURNING u.email`,
    );
    expect(update).toEqual([[{ email: 'a@example.com' }], 1]);
    // AlertsRepository.claim and RetentionRepository.pruneBatch: a data-modifying CTE read by a SELECT.
    const select = await db().query(
      `WITH gone AS (DELETE FROM app_user WHERE email = 'b@example.com' RETURNING email) SELECT (SELECT count(*) FROM gone)::int AS deleted`,
    );
    expect(select).toEqual([{ deleted: 1 }]);
    // Replays: INSERT … SELECT.
    const insert = await db().query(`WITH src AS (SELECT 'e@example.com' AS email) INSERT INTO app_user (email, password_hash) SELECT email, 'x' FROM src RETURNING email`);
    expect(insert).toEqual([{ email: 'e@example.com' }]);
  });

  it('a transaction\'s EntityManager gives the same shapes', async () => {
    const shapes = await db().transaction(async (tx) => ({
      select: await tx.query(`SELECT count(*)::int AS n FROM app_user`),
      insert: await tx.query(`INSERT INTO app_user (email, password_hash) VALUES ('f@example.com', 'x') RETURNING email`),
      update: await tx.query(`UPDATE app_user SET name = 'y' WHERE email = 'f@example.com'`),
      remove: await tx.query(`DELETE FROM app_user WHERE email = 'f@example.com' RETURNING email`),
    }));
    expect(shapes).toEqual({ select: [{ n: 2 }], insert: [{ email: 'f@example.com' }], update: [[], 1], remove: [[{ email: 'f@example.com' }], 1] });
  });

  it('values come back as the repositories expect them: the casts they write are needed', async () => {
    const [row] = await db().query(
      `SELECT (SELECT count(*) FROM app_user) AS bigint_count, (SELECT count(*) FROM app_user)::int AS int_count, 1.5::float8 AS float, 1.5::numeric AS numeric,
         now() AS at, '{"a":[1]}'::jsonb AS json, '\\x0102'::bytea AS bytes, ARRAY['x','y']::text[] AS list, NULL::text AS nothing,
         true AS flag`,
    );
    // count(*) is bigint, which pg returns as text: repositories cast to ::int wherever they count.
    expect(row).toEqual({
      bigint_count: '2',
      int_count: 2,
      float: 1.5,
      numeric: '1.5',
      at: expect.any(Date),
      json: { a: [1] },
      bytes: Buffer.from([1, 2]),
      list: ['x', 'y'],
      nothing: null,
      flag: true,
    });
  });
});
