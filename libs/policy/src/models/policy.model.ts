import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Policy', { description: 'A rule the section publishes, changing by date through its versions.' })
export class PolicyModel {
  @Field(() => ID)
  key!: string;

  @Field({ description: 'The kind of content, naming the schema it follows (see policyKinds).' })
  kind!: string;

  @Field()
  title!: string;

  @Field()
  section!: string;
}
