import {
  createProcessingSchema,
  processingExportSchema,
  updateProcessingSchema,
  type CreateProcessingInput,
  type ProcessingExport,
  type UpdateProcessingInput,
} from '@provod/contracts';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ProcessingsService } from './processings.service';

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
  @ApiOperation({ summary: 'Change a processing; every change makes a new version' })
  @ApiBody({ schema: schemaOf(updateProcessingSchema) })
  replace(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(updateProcessingSchema)) body: UpdateProcessingInput) {
    return this.processings.update(id, body);
  }

  @Patch(':id')
  @ApiBody({ schema: schemaOf(updateProcessingSchema) })
  patch(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(updateProcessingSchema)) body: UpdateProcessingInput) {
    return this.processings.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string) {
    return this.processings.remove(id);
  }

  @Post(':id/start')
  @HttpCode(200)
  start(@Param('id', IdPipe) id: string) {
    return this.processings.setStatus(id, 'running');
  }

  @Post(':id/stop')
  @HttpCode(200)
  stop(@Param('id', IdPipe) id: string) {
    return this.processings.setStatus(id, 'stopped');
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Export a processing as portable JSON' })
  export(@Param('id', IdPipe) id: string) {
    return this.processings.export(id);
  }
}
