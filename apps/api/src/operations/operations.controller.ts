import { listOperationsQuerySchema, type ListOperationsQuery } from '@provod/contracts';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { OperationsService } from './operations.service';
import { ReplaysService } from './replays.service';

const replaySchema = z.object({
  from: z.enum(['failed', 'start']).default('failed'),
  version: z.enum(['original', 'current']).default('original'),
});
const bulkReplaySchema = replaySchema.extend({
  receivedFrom: z.iso.datetime({ offset: true }).optional(),
  receivedTo: z.iso.datetime({ offset: true }).optional(),
});

@ApiTags('operations')
@Controller('api')
export class OperationsController {
  constructor(
    @Inject(OperationsService) private readonly operations: OperationsService,
    @Inject(ReplaysService) private readonly replays: ReplaysService,
  ) {}

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

  @Post('operations/:id/replay')
  @ApiOperation({ summary: 'Run an operation again (default: from the failed step, with the version it ran with)' })
  @ApiBody({ schema: z.toJSONSchema(replaySchema, { io: 'input' }) as object })
  replay(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(replaySchema)) body: z.infer<typeof replaySchema>) {
    return this.replays.replayOne(id, body.from, body.version);
  }

  @Post('processings/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every failed operation of a processing in a time range' })
  @ApiBody({ schema: z.toJSONSchema(bulkReplaySchema, { io: 'input' }) as object })
  replayFailed(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(bulkReplaySchema)) body: z.infer<typeof bulkReplaySchema>) {
    return this.replays.replayFailed(id, body.from, body.version, { from: body.receivedFrom, to: body.receivedTo });
  }

  @Get('processings/:id/held')
  @ApiOperation({ summary: 'How many events wait because they arrived while the processing was stopped' })
  held(@Param('id', IdPipe) id: string) {
    return this.replays.heldCount(id);
  }

  @Post('processings/:id/held/process')
  @HttpCode(200)
  processHeld(@Param('id', IdPipe) id: string) {
    return this.replays.processHeld(id);
  }

  @Post('processings/:id/held/discard')
  @HttpCode(200)
  discardHeld(@Param('id', IdPipe) id: string) {
    return this.replays.discardHeld(id);
  }
}
