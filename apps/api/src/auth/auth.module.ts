import { PasswordResetsRepository } from '@provod/data';
import { MailModule } from '@provod/mail';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TooManyRequestsFilter } from '../common/too-many-requests';
import { AuthController, WorkspacesController } from './auth.controller';
import { DataSource } from 'typeorm';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordResetService } from './password-reset.service';
import { SessionIssuer } from './session-issuer';
import { SessionGuard } from './session.guard';
import { SessionsService } from './sessions.service';

@Module({
  imports: [MailModule],
  controllers: [AuthController, WorkspacesController],
  providers: [
    AuthService,
    LoginThrottle,
    SessionIssuer,
    SessionsService,
    PasswordResetService,
    { provide: PasswordResetsRepository, useFactory: (db: DataSource) => new PasswordResetsRepository(db), inject: [DataSource] },
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_FILTER, useClass: TooManyRequestsFilter },
  ],
  exports: [AuthService],
})
export class AuthModule {}
