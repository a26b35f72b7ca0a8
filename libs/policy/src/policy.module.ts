import { Module } from '@nestjs/common';
import { AuditModule } from '@policy-cms/audit';
import { EditorialService } from './editorial/editorial.service';
import { EditorialResolver } from './editorial/editorial.resolver';
import { StaffReadService } from './editorial/staff-read.service';
import { LedgerService } from './ledger/ledger.service';
import { PolicyReadService } from './reads/policy-read.service';
import { PolicyResolver } from './policy.resolver';
import { AnswersResolver } from './answers.resolver';
import { DemoDataLoader } from './demo/demo-loader';

@Module({
  imports: [AuditModule],
  providers: [
    LedgerService,
    PolicyReadService,
    PolicyResolver,
    AnswersResolver,
    DemoDataLoader,
    EditorialService,
    StaffReadService,
    EditorialResolver,
  ],
  exports: [LedgerService, PolicyReadService, DemoDataLoader, EditorialService],
})
export class PolicyModule {}
