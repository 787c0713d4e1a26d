import { Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { VersionsService } from './versions.service';

const pageSchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const versionPipe = new ParseIntPipe({ errorHttpStatusCode: 400 });

@ApiTags('processings')
@Controller('api/processings/:id/versions')
export class VersionsController {
  constructor(@Inject(VersionsService) private readonly versions: VersionsService) {}

  @Get()
  @ApiOperation({ summary: 'Saved versions, newest first, with who saved each and when (`before` and `limit` page back, 50 by default, at most 200)' })
  list(@Param('id', IdPipe) id: string, @Query(new ZodValidationPipe(pageSchema)) page: z.infer<typeof pageSchema>) {
    return this.versions.list(id, page);
  }

  @Get(':version')
  @ApiOperation({ summary: "One saved version's source and actions, with its author and time" })
  get(@Param('id', IdPipe) id: string, @Param('version', versionPipe) version: number) {
    return this.versions.get(id, version);
  }

  @Post(':version/restore')
  @HttpCode(200)
  @ApiOperation({ summary: "Save a new version with this version's source and actions (the name stays; history is not rewritten)" })
  restore(@Param('id', IdPipe) id: string, @Param('version', versionPipe) version: number) {
    return this.versions.restore(id, version);
  }
}
