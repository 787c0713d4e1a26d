import {
  CHART_RANGES,
  createProcessingSchema,
  patchProcessingSchema,
  processingExportSchema,
  replaceProcessingSchema,
  type ChartRange,
  type CreateProcessingInput,
  type PatchProcessingInput,
  type ProcessingExport,
  type ReplaceProcessingInput,
} from '@provod/contracts';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ProcessingsService } from './processings.service';

const chartQuerySchema = z.object({ range: z.enum(CHART_RANGES).default('24h') });
const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object;

@ApiTags('processings')
@Controller('api/processings')
export class ProcessingsController {
  constructor(@Inject(ProcessingsService) private readonly processings: ProcessingsService) {}

  @Get()
  @ApiOperation({ summary: 'List processings' })
  list() {
    return this.processings.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a processing (it starts stopped)' })
  @ApiBody({ schema: schemaOf(createProcessingSchema) })
  create(@Body(new ZodValidationPipe(createProcessingSchema)) body: CreateProcessingInput) {
    return this.processings.create(body);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Last event and 24-hour counts for every processing' })
  stats() {
    return this.processings.listStats();
  }

  @Post('import')
  @ApiOperation({ summary: 'Create a processing from an exported JSON document' })
  @ApiBody({ schema: schemaOf(processingExportSchema) })
  import(@Body(new ZodValidationPipe(processingExportSchema)) body: ProcessingExport) {
    return this.processings.import(body);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string) {
    return this.processings.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a processing\'s whole definition (name, source, actions); a partial body is a 400. Every change makes a new version' })
  @ApiBody({ schema: schemaOf(replaceProcessingSchema) })
  replace(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(replaceProcessingSchema)) body: ReplaceProcessingInput) {
    return this.processings.replace(id, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change only the fields given; `source` is merged over the current one, `actions` replaced as a whole' })
  @ApiBody({ schema: schemaOf(patchProcessingSchema) })
  patch(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(patchProcessingSchema)) body: PatchProcessingInput) {
    return this.processings.patch(id, body);
  }

  @Get(':id/readiness')
  @ApiOperation({ summary: 'What would stop the processing from working: missing secrets, placeholder hosts, unknown references, invalid JSON' })
  readiness(@Param('id', IdPipe) id: string) {
    return this.processings.readinessOf(id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string) {
    return this.processings.remove(id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start; refused (400 with `problems`) while the readiness check finds anything' })
  start(@Param('id', IdPipe) id: string) {
    return this.processings.start(id);
  }

  @Post(':id/stop')
  @HttpCode(200)
  stop(@Param('id', IdPipe) id: string) {
    return this.processings.stop(id);
  }

  @Post(':id/duplicate')
  @ApiOperation({ summary: 'Copy a processing (the copy is stopped and has its own webhook URL)' })
  duplicate(@Param('id', IdPipe) id: string) {
    return this.processings.duplicate(id);
  }

  @Post(':id/regenerate-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the processing a new webhook URL; the old one stops working' })
  regenerateToken(@Param('id', IdPipe) id: string) {
    return this.processings.regenerateToken(id);
  }

  @Get(':id/chart')
  @ApiOperation({ summary: 'Operations per hour (24h) or per 6 hours (7d), by status' })
  chart(@Param('id', IdPipe) id: string, @Query(new ZodValidationPipe(chartQuerySchema)) query: { range: ChartRange }) {
    return this.processings.chart(id, query.range);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Export a processing as portable JSON' })
  export(@Param('id', IdPipe) id: string) {
    return this.processings.export(id);
  }
}
