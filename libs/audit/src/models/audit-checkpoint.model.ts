import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '@policy-cms/common';

@ObjectType('AuditCheckpoint', {
  description:
    'The head of the trail, signed (Ed25519) by the server. Keep it; pass it back to verifyAuditTrail(since:) to prove the trail extends it.',
})
export class AuditCheckpointModel {
  @Field(() => ID, { nullable: true, description: 'The last event; null for an empty trail.' })
  lastId!: string | null;

  @Field(() => String, { nullable: true, description: 'The last event’s hash; null for an empty trail.' })
  headHash!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field({ description: 'sha256 (hex) of the signing public key, SPKI DER.' })
  keyId!: string;

  @Field({
    description:
      'Ed25519 signature, base64, over "policy-cms audit checkpoint v1\\n" + the canonical JSON of {at, headHash, keyId, lastId}.',
  })
  signature!: string;
}

@ObjectType('AuditSigningKey', { description: 'The public key that signs checkpoints, for checking them offline.' })
export class AuditSigningKeyModel {
  @Field()
  keyId!: string;

  @Field({ description: 'Always Ed25519.' })
  algorithm!: string;

  @Field({ description: 'The public key, SPKI PEM.' })
  publicKeyPem!: string;
}
