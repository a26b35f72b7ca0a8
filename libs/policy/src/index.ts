import { LedgerSegmentEntity } from './entities/ledger-segment.entity';
import { PolicyVersionEntity } from './entities/policy-version.entity';
import { PolicyEntity } from './entities/policy.entity';

export { PolicyModule } from './policy.module';
export { LedgerService, type LedgerChange } from './ledger/ledger.service';
export { PolicyReadService } from './reads/policy-read.service';
export { DemoDataLoader } from './demo/demo-loader';
export * from './kinds';
export * from './demo';
export { LedgerSegmentEntity, PolicyEntity, PolicyVersionEntity };

/** The entities of this feature, for the DataSource. */
export const policyEntities = [PolicyEntity, PolicyVersionEntity, LedgerSegmentEntity];
