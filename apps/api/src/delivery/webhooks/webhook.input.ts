import { Field, ID, InputType } from '@nestjs/graphql';
import type { ChangeEventType } from '../changes/change-event';
import { ChangeEventTypeEnum } from '../changes/change-event.model';

@InputType('CreateWebhookInput')
export class CreateWebhookInput {
  @Field({ description: 'Absolute http(s) URL, at most 2048 characters, without user or password.' }) url!: string;
  @Field(() => String, { nullable: true, description: 'At most 200 characters.' }) description?: string | null;
  @Field(() => [ChangeEventTypeEnum], { description: 'At least one, no repeats.' }) eventTypes!: ChangeEventType[];
  @Field(() => [ID], { nullable: true, description: 'Existing policy keys, at most 200; omit or null for every policy.' })
  policyKeys?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) active?: boolean | null;
}

@InputType('UpdateWebhookInput', { description: 'Omitted fields stay as they are.' })
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ChangeEventTypeEnum], { nullable: true }) eventTypes?: ChangeEventType[] | null;
  @Field(() => [ID], { nullable: true, description: 'Only these policies from now on (see allPolicies).' })
  policyKeys?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: every policy (drops policyKeys); not together with policyKeys.' })
  allPolicies?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'false disables; true enables again and clears disabledReason and failingSince.' })
  active?: boolean | null;
}
