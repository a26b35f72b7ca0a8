import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

import { AuthenticatedUser, ROLES, Role } from '@policy-cms/contract';

export interface RequestWithUser {
  user?: AuthenticatedUser;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

export const ROLES_KEY = 'policy-cms:roles';

/** Only callers holding one of these roles may call it; the global guard answers UNAUTHENTICATED or FORBIDDEN. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any logged-in member of staff, whatever their role. */
export const Staff = () => SetMetadata(ROLES_KEY, [...ROLES]);

/** The HTTP request behind a GraphQL resolver or a controller. */
export function requestOf(context: ExecutionContext): RequestWithUser {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithUser }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithUser>();
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => requestOf(context).user);

/** The client's address, as Express sees it (honouring `trust proxy` when it is set). */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext) => requestOf(context).ip ?? null);
