export { PolicyModule } from './policy.module';
export { LedgerService, type LedgerChange } from './ledger/ledger.service';
export { PolicyReadService } from './reads/policy-read.service';
export { DemoDataLoader } from './demo/demo-loader';
export * from './kinds';
export * from './demo';
export { VERSION_STATUSES, type VersionStatus } from './models/version-status';
