import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { IdentityService } from '@policy-cms/identity';
import { DemoDataLoader } from '@policy-cms/policy';
import type { Role } from '@policy-cms/common';
import { APP_CONFIG, AppConfig } from './config/app-config';

/** The demo staff: one per role, plus a second editor and approver to show maker-checker. */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '管理者', roles: ['ADMIN'] },
  { username: 'editor', displayName: '編集者 一郎', roles: ['EDITOR'] },
  { username: 'editor2', displayName: '編集者 二郎', roles: ['EDITOR'] },
  { username: 'approver', displayName: '承認者 花子', roles: ['APPROVER'] },
  { username: 'approver2', displayName: '承認者 次子', roles: ['APPROVER'] },
  { username: 'auditor', displayName: '監査担当', roles: ['AUDITOR'] },
];

/** At start: the first admin from ADMIN_USERNAME/ADMIN_PASSWORD, and in demo mode the demo rules and staff. */
@Injectable()
export class DemoDataBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: DemoDataLoader,
    private readonly identity: IdentityService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The demo rules first: history with its own past record instants is accepted by verification only at the head
    // of the trail, before any other event.
    if (this.config.demoData) await this.loader.load();
    if (this.config.initialAdmin) {
      await this.identity.ensureUsers([{ ...this.config.initialAdmin, displayName: this.config.initialAdmin.username, roles: ['ADMIN'] }]);
    }
    if (!this.config.demoData) return;
    await this.identity.ensureUsers(DEMO_USERS.map((user) => ({ ...user, password: this.config.demoPassword })));
    this.logger.log(`demo users: ${DEMO_USERS.map((u) => u.username).join(', ')} (password from DEMO_PASSWORD)`);
  }
}
