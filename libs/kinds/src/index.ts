// The policy kinds: content schemas, enums, their words in Japanese and English, and validation reasons.
// Pure TypeScript and zod only, shared by the API and the admin UI, so both speak one vocabulary.
export * from './enums';
export * from './labels';
export * from './field-names';
export * from './validation-messages';
export * from './validate-policy-content';
export * from './number-input';
export * from './policy-kinds';
export type { PolicyKind } from './policy-kind';
export * from './card-renewal-carry-over.kind';
export * from './facility-matrix.kind';
export * from './fee-table.kind';
export * from './notice.kind';
export * from './one-stop-service.kind';
export * from './online-lecture.kind';
export * from './reservation-rules.kind';
