import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { message: 'must be 1 or 0 (true/false, yes/no)' })
  .transform((value) => ['1', 'true', 'yes'].includes(value));

const environment = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_DATA: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().positive().default(1000),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb').default('1mb'),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Whether to load the demo data; default: yes on the embedded database, no on a server given by DATABASE_URL. */
  demoData: boolean;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  graphqlMaxComplexity: number;
  bodyLimit: string;
}

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Reads the environment once, at start, and refuses to go on with every bad variable listed. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set", as shells and compose files often leave them.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    throw new InvalidConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}=${JSON.stringify(present[String(issue.path[0])])}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: resolve(env.DATA_DIR),
    demoData: env.DEMO_DATA ?? !env.DATABASE_URL,
    logLevel: env.LOG_LEVEL,
    graphqlMaxComplexity: env.GRAPHQL_MAX_COMPLEXITY,
    bodyLimit: env.BODY_LIMIT,
  };
}

/** Injection token of the loaded AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
