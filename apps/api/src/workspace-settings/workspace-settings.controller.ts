import { workspaceSettingsSchema, type WorkspaceSettings } from '@provod/contracts';
import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../auth/require-role.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { WorkspaceSettingsService } from './workspace-settings.service';

@ApiTags('workspace')
@Controller('api/workspace/settings')
export class WorkspaceSettingsController {
  constructor(@Inject(WorkspaceSettingsService) private readonly settings: WorkspaceSettingsService) {}

  @Get()
  @ApiOperation({ summary: "The current workspace's settings: how many days of operation history it keeps" })
  get() {
    return this.settings.get();
  }

  @RequireRole('owner')
  @Put()
  @ApiOperation({ summary: 'Change the history retention (owners only); failed operations may be kept longer' })
  @ApiBody({ schema: z.toJSONSchema(workspaceSettingsSchema, { io: 'input' }) as object })
  put(@Body(new ZodValidationPipe(workspaceSettingsSchema)) body: WorkspaceSettings) {
    return this.settings.save(body);
  }
}
