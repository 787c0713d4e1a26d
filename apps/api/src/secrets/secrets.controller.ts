import type { SecretInfo } from '@provod/contracts';
import { SecretsRepository } from '@provod/data';
import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../auth/require-role.decorator';
import { currentWorkspaceId } from '../common/workspace';
import { ZodValidationPipe } from '../common/zod-validation.pipe';

const secretNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a secret name uses Latin letters, digits and _');
const secretValueSchema = z.object({ value: z.string().min(1).max(10_000) });

/** Secrets are write-only: values go in, only names come out. */
@ApiTags('secrets')
@Controller('api/secrets')
export class SecretsController {
  constructor(@Inject(SecretsRepository) private readonly secrets: SecretsRepository) {}

  // Viewers neither see nor use secrets, not even their names.
  @RequireRole('editor')
  @Get()
  list(): Promise<SecretInfo[]> {
    return this.secrets.list(currentWorkspaceId());
  }

  @Put(':name')
  @ApiOperation({ summary: 'Store a secret, referenced in templates as {{secrets.NAME}}' })
  @ApiBody({ schema: { type: 'object', properties: { value: { type: 'string' } }, required: ['value'] } })
  put(
    @Param('name', new ZodValidationPipe(secretNameSchema)) name: string,
    @Body(new ZodValidationPipe(secretValueSchema)) body: { value: string },
  ): Promise<SecretInfo> {
    return this.secrets.put(currentWorkspaceId(), name, body.value);
  }

  @Delete(':name')
  @HttpCode(204)
  async remove(@Param('name') name: string) {
    if (!(await this.secrets.delete(currentWorkspaceId(), name))) throw new NotFoundException('Secret not found');
  }
}
