import { EnableBtreeGist1795766400000 } from './1795766400000-enable-btree-gist';
import { CreatePolicyLedger1795766400001 } from './1795766400001-create-policy-ledger';
import { CreateAuditTrail1795766400002 } from './1795766400002-create-audit-trail';
import { CreateUserAccount1795766400003 } from './1795766400003-create-user-account';
import { AddEditorialWorkflow1795766400004 } from './1795766400004-add-editorial-workflow';
import { RuntimeRole1795766400005 } from './1795766400005-runtime-role';
import { FreezePublishedVersions1795766400006 } from './1795766400006-freeze-published-versions';
import { LoginRateLimit1795766400007 } from './1795766400007-login-rate-limit';
import { RecordTimeMovesForward1795766400008 } from './1795766400008-record-time-moves-forward';
import { LedgerWatermark1795766400009 } from './1795766400009-ledger-watermark';
import { IndexRecordInstants1795766400010 } from './1795766400010-index-record-instants';
import { LedgerRecordInstantIndexes1795766400011 } from './1795766400011-ledger-record-instant-indexes';
import { AnnounceOnlyChanges1795766400012 } from './1795766400012-announce-only-changes';
import { ChangeFeedAndWebhooks1795766400013 } from './1795766400013-change-feed-and-webhooks';
import { DemoFlagSplit1795766400014 } from './1795766400014-demo-flag-split';

/** Every migration, oldest first. Listed explicitly so the same array works from TypeScript and compiled output. */
export const migrations = [
  EnableBtreeGist1795766400000,
  CreatePolicyLedger1795766400001,
  CreateAuditTrail1795766400002,
  CreateUserAccount1795766400003,
  AddEditorialWorkflow1795766400004,
  RuntimeRole1795766400005,
  FreezePublishedVersions1795766400006,
  LoginRateLimit1795766400007,
  RecordTimeMovesForward1795766400008,
  LedgerWatermark1795766400009,
  IndexRecordInstants1795766400010,
  LedgerRecordInstantIndexes1795766400011,
  AnnounceOnlyChanges1795766400012,
  ChangeFeedAndWebhooks1795766400013,
  DemoFlagSplit1795766400014,
];
