import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AuditProblemCode } from '../audit-event';

const PROBLEM_CODES: Record<AuditProblemCode, AuditProblemCode> = {
  EVENT_HASH_MISMATCH: 'EVENT_HASH_MISMATCH',
  EVENT_LINK_BROKEN: 'EVENT_LINK_BROKEN',
  EVENT_LEDGER_RECORD_MALFORMED: 'EVENT_LEDGER_RECORD_MALFORMED',
  LEDGER_RECORD_TIME_BACKWARDS: 'LEDGER_RECORD_TIME_BACKWARDS',
  LEDGER_ROW_UNRECORDED: 'LEDGER_ROW_UNRECORDED',
  LEDGER_ROW_RECORDED_TWICE: 'LEDGER_ROW_RECORDED_TWICE',
  LEDGER_CLOSE_UNRECORDED: 'LEDGER_CLOSE_UNRECORDED',
  LEDGER_ROW_MISSING: 'LEDGER_ROW_MISSING',
  LEDGER_CLOSE_MISSING: 'LEDGER_CLOSE_MISSING',
  VERSION_MISSING: 'VERSION_MISSING',
  VERSION_CONTENT_CHANGED: 'VERSION_CONTENT_CHANGED',
  VERSION_SUMMARY_CHANGED: 'VERSION_SUMMARY_CHANGED',
  VERSION_STATUS_CHANGED: 'VERSION_STATUS_CHANGED',
  VERSION_UNRECORDED: 'VERSION_UNRECORDED',
  CHECKPOINT_SIGNATURE_INVALID: 'CHECKPOINT_SIGNATURE_INVALID',
  CHECKPOINT_KEY_UNKNOWN: 'CHECKPOINT_KEY_UNKNOWN',
  CHECKPOINT_EVENT_MISSING: 'CHECKPOINT_EVENT_MISSING',
  CHECKPOINT_HEAD_MISMATCH: 'CHECKPOINT_HEAD_MISMATCH',
};
registerEnumType(PROBLEM_CODES, { name: 'AuditProblemCode', description: 'What kind of break verification found.' });

@ObjectType('AuditProblem', { description: 'One break found by verification, naming the event, ledger row or version.' })
export class AuditProblemModel {
  @Field(() => PROBLEM_CODES)
  code!: AuditProblemCode;

  @Field({ description: 'What was found, in English.' })
  message!: string;

  @Field(() => ID, { nullable: true })
  eventId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The ledger_segment row concerned.' })
  ledgerRowId!: string | null;

  @Field(() => ID, { nullable: true })
  versionId!: string | null;
}

@ObjectType('AuditVerification', {
  description: 'The outcome of recomputing the whole hash chain and replaying the ledger records against the ledger.',
})
export class AuditVerificationModel {
  @Field({ description: 'True when no problem was found.' })
  ok!: boolean;

  @Field(() => Int, { description: 'Events read: the whole trail.' })
  checked!: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'The first event that fails: a rewritten event itself, or the event right after a removed one; else the first event a problem names. Null when none.',
  })
  firstBrokenId!: string | null;

  @Field(() => [AuditProblemModel], { description: 'The problems found, at most 100; problemCount counts them all.' })
  problems!: AuditProblemModel[];

  @Field(() => Int)
  problemCount!: number;

  @Field(() => Int, { description: 'Ledger rows checked against the trail.' })
  ledgerRowsChecked!: number;

  @Field(() => Int, { description: 'Published or withdrawn versions checked against the trail.' })
  versionsChecked!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Given a checkpoint: whether its signature holds and the trail still extends it. Null without one.',
  })
  extendsCheckpoint!: boolean | null;
}
