import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '@policy-cms/audit';
import { AuthGuard } from './auth.guard';
import { IDENTITY_OPTIONS, IdentityOptions, IdentityService } from './identity.service';
import { IdentityResolver } from './identity.resolver';

@Module({})
export class IdentityModule {
  static register(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        AuditModule,
        JwtModule.register({ secret: options.tokenSecret, signOptions: { expiresIn: options.tokenTtlSeconds, algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
      ],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        IdentityService,
        IdentityResolver,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [IdentityService],
    };
  }
}
