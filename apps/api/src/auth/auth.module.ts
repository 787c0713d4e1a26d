import { AlertMailer, PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TooManyRequestsFilter } from '../common/too-many-requests';
import { AuthController, WorkspacesController } from './auth.controller';
import { AuthService, INVITE_MAILER } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { SessionGuard } from './session.guard';

@Module({
  controllers: [AuthController, WorkspacesController],
  providers: [
    AuthService,
    LoginThrottle,
    { provide: INVITE_MAILER, useFactory: (config: ProvodConfig) => AlertMailer.fromConfig(config), inject: [PROVOD_CONFIG] },
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_FILTER, useClass: TooManyRequestsFilter },
  ],
  exports: [AuthService],
})
export class AuthModule {}
