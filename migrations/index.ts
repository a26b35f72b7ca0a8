import { EnableBtreeGist1795766400000 } from './1795766400000-enable-btree-gist';
import { CreatePolicyLedger1795766400001 } from './1795766400001-create-policy-ledger';

/** Every migration, oldest first. Listed explicitly so the same array works from TypeScript and compiled output. */
export const migrations = [EnableBtreeGist1795766400000, CreatePolicyLedger1795766400001];
