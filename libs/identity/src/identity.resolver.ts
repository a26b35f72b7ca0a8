import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, ClientAddress, CurrentUser, Roles, Role, Staff, queryCost } from '@policy-cms/common';
import { IdentityService } from './identity.service';
import { CreateUserInput, LoginResultModel, RoleEnum, UserModel } from './models/user.model';

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(private readonly identity: IdentityService) {}

  @Mutation(() => LoginResultModel, {
    description: 'Wrong credentials and unknown users both answer UNAUTHENTICATED.',
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

  @Staff()
  @Query(() => UserModel, { description: 'The logged-in user.' })
  me(@CurrentUser() user: AuthenticatedUser): UserModel {
    return user;
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
    @Args('userId', { type: () => ID }) userId: string,
    @Args('roles', { type: () => [RoleEnum] }) roles: Role[],
    @ClientAddress() clientAddress: string | null,
  ): Promise<UserModel> {
    return this.identity.setUserRoles(actor, userId, roles, clientAddress);
  }
}
