import { bearerTokenMatches, PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Controller, Get, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiMetrics } from './api-metrics';

/** Prometheus scrape: off (404) unless METRICS_TOKEN is set, and then only with that bearer token. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const token = this.config.METRICS_TOKEN;
    if (!token) throw new NotFoundException();
    if (!bearerTokenMatches(authorization, token)) throw new UnauthorizedException('A valid metrics token is required');
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
