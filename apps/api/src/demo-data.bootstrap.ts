import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DemoDataLoader } from '@policy-cms/policy';
import { APP_CONFIG, AppConfig } from './config/app-config';

/** Loads the demo data at start when configured (the default on the embedded database). */
@Injectable()
export class DemoDataBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: DemoDataLoader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoData) await this.loader.load();
  }
}
