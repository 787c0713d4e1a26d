import type { ListOperationsQuery, OperationDetail, OperationPage } from '@provod/contracts';
import { InvalidCursorError, OperationsRepository, ProcessingsRepository } from '@provod/data';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { currentWorkspaceId } from '../common/workspace';

@Injectable()
export class OperationsService {
  constructor(
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(ProcessingsRepository) private readonly processings: ProcessingsRepository,
  ) {}

  async list(processingId: string, query: ListOperationsQuery): Promise<OperationPage> {
    const workspaceId = currentWorkspaceId();
    if (!(await this.processings.find(workspaceId, processingId))) throw new NotFoundException('Processing not found');
    try {
      return await this.operations.list(workspaceId, processingId, query);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new BadRequestException({ message: error.message });
      throw error;
    }
  }

  async get(id: string): Promise<OperationDetail> {
    const operation = await this.operations.find(currentWorkspaceId(), id);
    if (!operation) throw new NotFoundException('Operation not found');
    return operation;
  }
}
