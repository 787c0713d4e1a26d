import { listOperationsQuerySchema, type ListOperationsQuery } from '@provod/contracts';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@Controller('api')
export class OperationsController {
  constructor(@Inject(OperationsService) private readonly operations: OperationsService) {}

  @Get('processings/:id/operations')
  @ApiOperation({ summary: "A processing's operation history, newest first (keyset pagination)" })
  @ApiQuery({ name: 'status', required: false, isArray: true })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 time, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 time, exclusive' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false })
  list(@Param('id', IdPipe) id: string, @Query(new ZodValidationPipe(listOperationsQuerySchema)) query: ListOperationsQuery) {
    return this.operations.list(id, query);
  }

  @Get('operations/:id')
  @ApiOperation({ summary: 'One operation: the raw request, then every step with its input, output and error' })
  get(@Param('id', IdPipe) id: string) {
    return this.operations.get(id);
  }
}
