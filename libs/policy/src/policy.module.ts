import { Module } from '@nestjs/common';
import { LedgerService } from './ledger/ledger.service';
import { PolicyReadService } from './reads/policy-read.service';
import { PolicyResolver } from './policy.resolver';

@Module({
  providers: [LedgerService, PolicyReadService, PolicyResolver],
  exports: [LedgerService, PolicyReadService],
})
export class PolicyModule {}
