import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { DomainError, Roles, isUuid, pageSize, queryCost } from '@policy-cms/common';
import { AuditService, MAX_PAGE_SIZE } from './audit.service';
import { AuditSigner } from './audit-signing';
import { AuditCheckpointInput } from './dto/audit-checkpoint.input';
import { AuditTrailFilterInput } from './dto/audit-trail-filter.input';
import { AuditCheckpointModel, AuditSigningKeyModel } from './models/audit-checkpoint.model';
import { AuditEventPageModel } from './models/audit-event-page.model';
import { AuditActorModel } from './models/audit-event.model';
import { AuditVerificationModel } from './models/audit-verification.model';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    @Inject(AuditSigner) private readonly signer: AuditSigner,
  ) {}

  @Query(() => AuditEventPageModel, {
    description: 'The audit trail, newest first, filtered and paginated.',
    complexity: queryCost({ roundTrips: 2, items: pageSize(MAX_PAGE_SIZE) }),
  })
  @Roles('AUDITOR', 'ADMIN')
  auditTrail(
    @Args('filter', { type: () => AuditTrailFilterInput, nullable: true }) filter?: AuditTrailFilterInput | null,
    @Args('first', { type: () => Int, defaultValue: 50, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` }) first = 50,
    @Args('after', { type: () => String, nullable: true, description: 'The nextCursor of the previous page.' })
    after?: string | null,
  ): Promise<AuditEventPageModel> {
    // As the export does: an id that is not a UUID names nobody, and an empty page would say it did nothing.
    if (filter?.actorId != null && !isUuid(filter.actorId)) throw DomainError.badInput('filter.actorId', 'actorId must be a UUID, the id of a member of staff');
    return this.audit.list(filter ?? {}, { first, after });
  }

  @Query(() => [AuditActorModel], {
    description:
      'The people who acted in the trail (events with an actorId), with their display name now: the choices of a filter by person. The system and callers who were not signed in are chosen with the filter actorKind.',
    complexity: queryCost({ roundTrips: 1, items: pageSize(MAX_PAGE_SIZE) }),
  })
  @Roles('AUDITOR', 'ADMIN')
  auditActors(): Promise<AuditActorModel[]> {
    return this.audit.actors();
  }

  @Query(() => AuditVerificationModel, {
    description:
      'Recomputes the whole hash chain, replays the ledger records against the ledger and the published versions, ' +
      'and, given a checkpoint, proves the trail extends it. Reports every problem (the first 100).',
    // It reads the whole trail and the ledger (about 2 s at 100,000 events): priced like a login's password hash,
    // so that one operation holds at most two.
    complexity: queryCost({ roundTrips: 200 }),
  })
  @Roles('AUDITOR', 'ADMIN')
  verifyAuditTrail(
    @Args('since', { type: () => AuditCheckpointInput, nullable: true, description: 'A checkpoint saved earlier.' })
    since?: AuditCheckpointInput | null,
  ): Promise<AuditVerificationModel> {
    if (since) checkCheckpointShape(since);
    return this.audit.verify({ since, signer: this.signer });
  }

  @Query(() => AuditCheckpointModel, { description: 'The head of the trail now, signed by the server.' })
  @Roles('AUDITOR', 'ADMIN')
  auditCheckpoint(): Promise<AuditCheckpointModel> {
    return this.audit.checkpoint(this.signer);
  }

  @Query(() => AuditSigningKeyModel, { description: 'The public key that signs checkpoints.' })
  @Roles('AUDITOR', 'ADMIN')
  auditSigningKey(): AuditSigningKeyModel {
    return { keyId: this.signer.keyId, algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem };
  }
}

/**
 * A checkpoint is given back as auditCheckpoint returned it. One that is not even shaped like one (an id that is not
 * an event number, a hash or key that is not 64 hex digits, a signature that is not 64 bytes of base64) is a mistake of
 * the caller, refused on its field: verifying it would report the trail as cut back or tampered with, which is false.
 */
function checkCheckpointShape(since: AuditCheckpointInput): void {
  const refuse = (field: string, message: string) => {
    throw DomainError.badInput(`since.${field}`, message);
  };
  if (since.lastId !== null && since.lastId !== undefined && !/^[1-9][0-9]{0,17}$/.test(since.lastId)) refuse('lastId', 'lastId must be the number of an event, as the checkpoint gave it');
  if (since.headHash !== null && since.headHash !== undefined && !/^[0-9a-f]{64}$/.test(since.headHash)) refuse('headHash', 'headHash must be 64 hexadecimal digits, as the checkpoint gave it');
  if ((since.lastId ?? null) === null !== ((since.headHash ?? null) === null)) refuse('headHash', 'lastId and headHash come together: both, or neither for an empty trail');
  if (!/^[0-9a-f]{64}$/.test(since.keyId)) refuse('keyId', 'keyId must be 64 hexadecimal digits, as the checkpoint gave it');
  if (!/^[A-Za-z0-9+/]{86}==$/.test(since.signature)) refuse('signature', 'signature must be the 64 bytes in base64 the checkpoint gave');
}
