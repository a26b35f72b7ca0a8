import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ROLES_KEY, Role, requestOf } from '@policy-cms/common';
import { IdentityService } from './identity.service';
import { LOGGED_IN_KEY } from './logged-in.decorator';

/**
 * The one place where callers are checked, for every resolver and controller: a bearer token, when sent, must be
 * valid; an operation marked with @Roles needs a caller holding one of them, one marked @LoggedIn any logged-in
 * account. Unmarked operations are public.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (value && !request.user) {
      const [scheme, token] = value.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        throw new DomainError('UNAUTHENTICATED', 'send the token as "Authorization: Bearer <token>"');
      }
      request.user = await this.identity.authenticate(token);
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(LOGGED_IN_KEY, targets)) {
      if (!request.user) throw new DomainError('UNAUTHENTICATED', 'log in first');
      return true;
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!required) return true;
    if (!request.user) throw new DomainError('UNAUTHENTICATED', 'log in first: this operation is for staff');
    if (!request.user.roles.some((role) => required.includes(role))) {
      throw new DomainError('FORBIDDEN', `this operation needs one of the roles ${required.join(', ')}`);
    }
    return true;
  }
}
