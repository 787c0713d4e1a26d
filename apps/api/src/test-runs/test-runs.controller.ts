import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdPipe } from '../common/uuid.pipe';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { testRunSchema, TestRunsService, type TestRunInput } from './test-runs.service';

@ApiTags('processings')
@Controller('api/processings')
export class TestRunsController {
  constructor(@Inject(TestRunsService) private readonly testRuns: TestRunsService) {}

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the steps (or up to one step) on sample data without recording history' })
  @ApiBody({ schema: z.toJSONSchema(testRunSchema, { io: 'input', unrepresentable: 'any' }) as object })
  run(@Param('id', IdPipe) id: string, @Body(new ZodValidationPipe(testRunSchema)) body: TestRunInput) {
    return this.testRuns.run(id, body);
  }
}
