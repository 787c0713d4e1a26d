import type { ProvodConfig } from '@provod/data';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { HooksService } from './hooks/hooks.service';
import { headersSetBy, webhookRoute } from './hooks/webhook.route';
import { ApiMetrics } from './metrics/api-metrics';
import { limitedRawBody, refuseDeclaredOversize } from './common/limited-body';
import { pinoOptions } from './common/logging';
import { PinoNestLogger } from './common/pino-nest.logger';
import { QuietStartupLogger } from './common/quiet-startup.logger';
import { requestContext } from './common/workspace';

const API_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Body-parser errors (too large, broken JSON) answer plainly instead of reaching Express's HTML page. */
function guarded(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (error?: unknown) => {
      if (!error) return next();
      const e = error as { status?: number; type?: string; message?: string; limit?: number };
      const status = e.status ?? 400;
      const message =
        e.type === 'entity.too.large'
          ? `The body is larger than the limit of ${e.limit} bytes.`
          : e.type === 'entity.parse.failed'
            ? `The body is not valid JSON: ${e.message}`
            : (e.message ?? 'The request body cannot be read.');
      res.status(status).json({ statusCode: status, message });
    });
}

function webDist(config: ProvodConfig): string | null {
  const dir = config.WEB_DIST ?? resolve(__dirname, '../../web/dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export async function createApp(config: ProvodConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  // One pino logger per application: the request log (first middleware, so even a refused body is
  // logged) and Nest's own messages go through it.
  const logging = pinoOptions(config);
  const requestLog = Array.isArray(logging) ? pinoHttp(logging[0], logging[1]) : pinoHttp(logging);
  app.useLogger(new QuietStartupLogger(new PinoNestLogger(requestLog.logger)));
  app.use(requestLog);
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  // X-Forwarded-For decides the client address the limits count by: only a configured proxy may set it.
  app.set('trust proxy', config.TRUST_PROXY);
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Over plain http (http://server-ip:3000, the first thing a self-hoster opens) the upgrade
        // would send every script to an https port that does not exist: a blank page.
        upgradeInsecureRequests: config.PUBLIC_URL.startsWith('https://') ? [] : null,
      },
    },
  });
  // Webhooks get the exact bytes: they are stored as received and decoded by content type later.
  // They are answered here, before the session, cookie and router layers they do not use.
  app.use('/hooks', limitedRawBody(config.WEBHOOK_MAX_BODY_BYTES), webhookRoute(app.get(HooksService), app.get(ApiMetrics), headersSetBy(securityHeaders)));
  // Each request gets its own identity store, filled in by the session guard.
  app.use((_req: Request, _res: Response, next: NextFunction) => requestContext.run({}, next));
  app.use(securityHeaders);
  app.use(cookieParser());
  app.use('/api', refuseDeclaredOversize(API_MAX_BODY_BYTES), guarded(express.json({ limit: API_MAX_BODY_BYTES })));

  const openApi = new DocumentBuilder()
    .setTitle('Provod API')
    .setDescription('Processings, their operation history, secrets. Webhooks arrive at /hooks/{token}.')
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  const dist = webDist(config);
  if (dist) {
    app.useStaticAssets(dist, { index: false, maxAge: '1h' });
    // The web app routes on the client: any other page request gets its shell.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/hooks')) return next();
      res.sendFile(join(dist, 'index.html'));
    });
  } else {
    new NestLogger('Web').warn('apps/web/dist not found: the web app is not served (run npm run build)');
  }
  return app;
}
