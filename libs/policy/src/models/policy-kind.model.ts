import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType('PolicyKind', { description: 'A kind of policy content and the JSON Schema its content must follow.' })
export class PolicyKindModel {
  @Field()
  name!: string;

  @Field({ description: 'Japanese title.' })
  title!: string;

  @Field()
  description!: string;

  @Field(() => GraphQLJSON, { description: 'JSON Schema (draft 2020-12) of the content.' })
  jsonSchema!: Record<string, unknown>;
}
