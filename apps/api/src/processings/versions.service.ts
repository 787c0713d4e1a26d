import type { RestoredProcessing, VersionDetail, VersionList } from '@provod/contracts';
import { ProcessingVersionsRepository } from '@provod/data';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { currentWorkspaceId } from '../common/workspace';
import { ProcessingsService } from './processings.service';
import { readableDefinition } from './readable-definition';

/** The saved versions of a processing: who saved each and when, and putting an earlier one back. */
@Injectable()
export class VersionsService {
  constructor(
    @Inject(ProcessingVersionsRepository) private readonly versions: ProcessingVersionsRepository,
    @Inject(ProcessingsService) private readonly processings: ProcessingsService,
  ) {}

  async list(processingId: string, page: { before?: number; limit: number }): Promise<VersionList> {
    const { version } = await this.processings.get(processingId);
    return { current: version, versions: await this.versions.list(currentWorkspaceId(), processingId, page) };
  }

  async get(processingId: string, version: number): Promise<VersionDetail> {
    await this.processings.get(processingId);
    const found = await this.versions.find(currentWorkspaceId(), processingId, version);
    if (!found) throw new NotFoundException(`Version ${version} of this processing does not exist`);
    return readableDefinition(found);
  }

  /**
   * A restore saves a NEW version with the old source and actions (the name stays), through the
   * same checks as any save: history is never rewritten, and the restore itself can be undone.
   */
  async restore(processingId: string, version: number): Promise<RestoredProcessing> {
    const old = await this.get(processingId, version);
    const current = await this.processings.get(processingId);
    if (old.version === current.version) throw new BadRequestException(`Version ${version} is the current version: there is nothing to restore`);
    const saved = await this.processings.restore(processingId, { source: old.source, actions: old.actions }, version);
    return { ...saved, restoredFrom: version };
  }
}
