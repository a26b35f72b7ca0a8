import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar, ROLES, Role, enumOf } from '@policy-cms/common';

export const RoleEnum = enumOf(ROLES);
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field(() => [RoleEnum], { description: 'May be empty: such an account can log in and read `me`, nothing else.' })
  roles!: Role[];

  @Field({ description: 'False once deactivated: the account can no longer log in, and its tokens stop working.' })
  active!: boolean;
}

@ObjectType('LoginResult')
export class LoginResultModel {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'At least 12 and at most 1024 characters.' })
  password!: string;

  @Field(() => [RoleEnum], { description: 'May be empty.' })
  roles!: Role[];
}
