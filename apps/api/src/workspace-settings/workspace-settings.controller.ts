import { workspaceLocaleSchema, workspaceSettingsSchema, type WorkspaceLocale, type WorkspaceSettings } from '@provod/contracts';
import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../auth/require-role.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { WorkspaceSettingsService } from './workspace-settings.service';

@ApiTags('workspace')
@Controller('api/workspace')
export class WorkspaceSettingsController {
  constructor(@Inject(WorkspaceSettingsService) private readonly settings: WorkspaceSettingsService) {}

  @Get('settings')
  @ApiOperation({ summary: "The current workspace's settings: how many days of operation history it keeps" })
  get() {
    return this.settings.get();
  }

  @RequireRole('owner')
  @Put('settings')
  @ApiOperation({ summary: 'Change the history retention (owners only); failed operations may be kept longer' })
  @ApiBody({ schema: z.toJSONSchema(workspaceSettingsSchema, { io: 'input' }) as object })
  put(@Body(new ZodValidationPipe(workspaceSettingsSchema)) body: WorkspaceSettings) {
    return this.settings.save(body);
  }

  @Get('locale')
  @ApiOperation({ summary: "The language and time zone of the current workspace's alert e-mails" })
  getLocale() {
    return this.settings.getLocale();
  }

  @RequireRole('owner')
  @Put('locale')
  @ApiOperation({ summary: 'Change the language and time zone of alert e-mails (owners only)' })
  @ApiBody({ schema: z.toJSONSchema(workspaceLocaleSchema, { io: 'input' }) as object })
  putLocale(@Body(new ZodValidationPipe(workspaceLocaleSchema)) body: WorkspaceLocale) {
    return this.settings.saveLocale(body);
  }
}
