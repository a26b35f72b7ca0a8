import { Module } from '@nestjs/common';
import { LedgerService } from './ledger/ledger.service';
import { PolicyReadService } from './reads/policy-read.service';
import { PolicyResolver } from './policy.resolver';
import { AnswersResolver } from './answers.resolver';
import { DemoDataLoader } from './demo/demo-loader';

@Module({
  providers: [LedgerService, PolicyReadService, PolicyResolver, AnswersResolver, DemoDataLoader],
  exports: [LedgerService, PolicyReadService, DemoDataLoader],
})
export class PolicyModule {}
