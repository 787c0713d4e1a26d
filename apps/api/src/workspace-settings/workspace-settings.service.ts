import type { WorkspaceSettings } from '@provod/contracts';
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
}

function found(settings: WorkspaceSettings | null): WorkspaceSettings {
  if (!settings) throw new NotFoundException('Workspace not found');
  return settings;
}
