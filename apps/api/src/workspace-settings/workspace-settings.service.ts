import type { WorkspaceLocale, WorkspaceSettings } from '@provod/contracts';
import { RetentionRepository } from '@provod/data';
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { currentWorkspaceId, identity } from '../common/workspace';

/** Workspace-wide settings; members read them, owners change them. */
@Injectable()
export class WorkspaceSettingsService {
  constructor(@Inject(RetentionRepository) private readonly retention: RetentionRepository) {}

  async get(): Promise<WorkspaceSettings> {
    return found(await this.retention.settings(currentWorkspaceId()));
  }

  async save(settings: WorkspaceSettings): Promise<WorkspaceSettings> {
    const workspaceId = currentWorkspaceId();
    // Shortening the retention deletes history: that is the owner's decision.
    if (identity().role !== 'owner') throw new ForbiddenException('Only a workspace owner can change how long history is kept');
    return found(await this.retention.saveSettings(workspaceId, settings));
  }

  async getLocale(): Promise<WorkspaceLocale> {
    return found(await this.retention.locale(currentWorkspaceId()));
  }

  /** Owners only (the controller's @RequireRole): the language and time zone of the workspace's e-mails. */
  async saveLocale(locale: WorkspaceLocale): Promise<WorkspaceLocale> {
    return found(await this.retention.saveLocale(currentWorkspaceId(), locale));
  }
}

function found<T>(settings: T | null): T {
  if (!settings) throw new NotFoundException('Workspace not found');
  return settings;
}
