import type { DataSource } from 'typeorm';
import type { SecretCipher } from './secret-cipher';

export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** Values go in encrypted and come out only to the worker: the API lists names, never values. */
export class SecretsRepository {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  async put(workspaceId: string, name: string, value: string): Promise<SecretInfo> {
    const [row] = (await this.db.query(
      `INSERT INTO secret (workspace_id, name, value_encrypted) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT secret_workspace_name_key
       DO UPDATE SET value_encrypted = EXCLUDED.value_encrypted, updated_at = now()
       RETURNING name, created_at, updated_at`,
      [workspaceId, name, this.cipher.encrypt(value)],
    )) as { name: string; created_at: Date; updated_at: Date }[];
    return { name: row.name, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
  }

  async list(workspaceId: string): Promise<SecretInfo[]> {
    const rows = (await this.db.query(
      `SELECT name, created_at, updated_at FROM secret WHERE workspace_id = $1 ORDER BY name`,
      [workspaceId],
    )) as { name: string; created_at: Date; updated_at: Date }[];
    return rows.map((r) => ({ name: r.name, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() }));
  }

  async delete(workspaceId: string, name: string): Promise<boolean> {
    const [, count] = (await this.db.query(`DELETE FROM secret WHERE workspace_id = $1 AND name = $2`, [
      workspaceId,
      name,
    ])) as [unknown, number];
    return count > 0;
  }

  async values(workspaceId: string): Promise<Record<string, string>> {
    const rows = (await this.db.query(`SELECT name, value_encrypted FROM secret WHERE workspace_id = $1`, [
      workspaceId,
    ])) as { name: string; value_encrypted: Buffer }[];
    return Object.fromEntries(rows.map((r) => [r.name, this.cipher.decrypt(r.value_encrypted)]));
  }
}
