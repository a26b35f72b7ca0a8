import { Module } from '@nestjs/common';
import { AuditModule } from '@policy-cms/audit';
import { READ_FRESHNESS } from '@policy-cms/common';
import { EditorialService } from './editorial/editorial.service';
import { EditorialResolver } from './editorial/editorial.resolver';
import { StaffReadService } from './editorial/staff-read.service';
import { LEDGER_WRITE_OBSERVER, LedgerService } from './ledger/ledger.service';
import { PolicyReadService } from './reads/policy-read.service';
import { PolicyResolver } from './policy.resolver';
import { AnswersResolver } from './answers.resolver';
import { AnswersService } from './answers/answers.service';
import { DemoDataLoader } from './demo/demo-loader';

@Module({
  imports: [AuditModule],
  providers: [
    LedgerService,
    PolicyReadService,
    { provide: READ_FRESHNESS, useExisting: PolicyReadService },
    { provide: LEDGER_WRITE_OBSERVER, useExisting: PolicyReadService },
    PolicyResolver,
    AnswersService,
    AnswersResolver,
    DemoDataLoader,
    EditorialService,
    StaffReadService,
    EditorialResolver,
  ],
  exports: [LedgerService, PolicyReadService, READ_FRESHNESS, DemoDataLoader, EditorialService],
})
export class PolicyModule {}
