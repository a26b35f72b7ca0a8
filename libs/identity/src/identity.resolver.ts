import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, ClientAddress, CurrentUser, Roles, Role, UuidArg, queryCost } from '@policy-cms/common';
import { IdentityService } from './identity.service';
import { LoggedIn } from './logged-in.decorator';
import { CreateUserInput, LoginResultModel, RoleEnum, UserModel } from './models/user.model';

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(private readonly identity: IdentityService) {}

  @Mutation(() => LoginResultModel, {
    description:
      'Wrong credentials and unknown users both answer UNAUTHENTICATED. After 5 attempts for one user from one address, ' +
      'or 30 failed attempts from one address, within 15 minutes: RATE_LIMITED until the window ends.',
    // scrypt takes tens of milliseconds of CPU, as much as 200 queries: two logins fit in one operation, not three.
    complexity: queryCost({ roundTrips: 200 }),
  })
  login(
    @Args('username') username: string,
    @Args('password') password: string,
    @ClientAddress() clientAddress: string | null,
  ): Promise<LoginResultModel> {
    return this.identity.login(username, password, clientAddress);
  }

  @LoggedIn()
  @Query(() => UserModel, { description: 'The logged-in user (any account, one without a role included).' })
  me(@CurrentUser() user: AuthenticatedUser): UserModel {
    // Only an active account gets past the guard.
    return { ...user, active: true };
  }

  @Roles('ADMIN')
  @Query(() => [UserModel], { complexity: queryCost({ items: 50 }) })
  users(): Promise<UserModel[]> {
    return this.identity.users();
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel)
  createUser(
    @CurrentUser() actor: AuthenticatedUser,
    @Args('input') input: CreateUserInput,
    @ClientAddress() clientAddress: string | null,
  ): Promise<UserModel> {
    return this.identity.createUser(actor, input, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel)
  setUserRoles(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('userId') userId: string,
    @Args('roles', { type: () => [RoleEnum] }) roles: Role[],
    @ClientAddress() clientAddress: string | null,
  ): Promise<UserModel> {
    return this.identity.setUserRoles(actor, userId, roles, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel, {
    description: 'Switches an account off from its next request on; its tokens stay invalid after a reactivation. Not your own.',
  })
  deactivateUser(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('userId') userId: string,
    @ClientAddress() clientAddress: string | null,
  ): Promise<UserModel> {
    return this.identity.deactivateUser(actor, userId, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel, { description: 'Lets a deactivated account log in again (with a new login: old tokens stay invalid).' })
  reactivateUser(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('userId') userId: string,
    @ClientAddress() clientAddress: string | null,
  ): Promise<UserModel> {
    return this.identity.reactivateUser(actor, userId, clientAddress);
  }

  @LoggedIn()
  @Mutation(() => LoginResultModel, {
    description:
      'Changes your own password. Every token issued before stops working; the answer carries a new one. A wrong ' +
      'current password is BAD_USER_INPUT on currentPassword and counts against the login limits.',
    // Two password hashes (check the current one, hash the new one), priced as login prices one.
    complexity: queryCost({ roundTrips: 400 }),
  })
  changePassword(
    @CurrentUser() actor: AuthenticatedUser,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword', { description: 'At least 12 and at most 1024 characters.' }) newPassword: string,
    @ClientAddress() clientAddress: string | null,
  ): Promise<LoginResultModel> {
    return this.identity.changePassword(actor, currentPassword, newPassword, clientAddress);
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel, {
    description: "Sets another account's password; the tokens it was using stop working.",
    complexity: queryCost({ roundTrips: 200 }),
  })
  resetPassword(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('userId') userId: string,
    @Args('newPassword', { description: 'At least 12 and at most 1024 characters.' }) newPassword: string,
    @ClientAddress() clientAddress: string | null,
  ): Promise<UserModel> {
    return this.identity.resetPassword(actor, userId, newPassword, clientAddress);
  }
}
