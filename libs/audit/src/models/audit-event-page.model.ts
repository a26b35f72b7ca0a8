import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AuditEventModel } from './audit-event.model';

@ObjectType('AuditEventPage', { description: 'A page of the audit trail, newest first.' })
export class AuditEventPageModel {
  @Field(() => [AuditEventModel])
  items!: AuditEventModel[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null on the last page.' })
  nextCursor!: string | null;

  @Field(() => Int, { description: 'Events matching the filter, on all pages.' })
  totalCount!: number;
}
