import type { WorkspaceLocale, WorkspaceSettings } from '@provod/contracts';
import { RetentionRepository } from '@provod/data';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { currentWorkspaceId } from '../common/workspace';

/** Workspace-wide settings; every member reads them, owners change them. */
@Injectable()
export class WorkspaceSettingsService {
  constructor(@Inject(RetentionRepository) private readonly retention: RetentionRepository) {}

  async get(): Promise<WorkspaceSettings> {
    return found(await this.retention.settings(currentWorkspaceId()));
  }

  async save(settings: WorkspaceSettings): Promise<WorkspaceSettings> {
    // Shortening the retention deletes history: that is the owner's decision (the controller's @RequireRole).
    return found(await this.retention.saveSettings(currentWorkspaceId(), settings));
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
