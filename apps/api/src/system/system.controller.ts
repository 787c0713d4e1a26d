import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { IdPipe } from '../common/uuid.pipe';
import { SystemService } from './system.service';

@ApiTags('system')
@RequireRole('owner')
@Controller('api/system')
export class SystemController {
  constructor(@Inject(SystemService) private readonly system: SystemService) {}

  @Get()
  @ApiOperation({ summary: 'Owners: workers alive, queue depths, the oldest waiting event, operations the queue gave up on, mail and database size' })
  overview() {
    return this.system.overview();
  }

  @Post('operations/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Owners: queue again an operation the queue gave up on (steps that succeeded are not repeated)' })
  retry(@Param('id', IdPipe) id: string) {
    return this.system.retry(id);
  }
}
