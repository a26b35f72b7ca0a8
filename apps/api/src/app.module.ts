import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { Logger, LoggerModule, PinoLogger } from 'nestjs-pino';
import { CLOCK, READ_FRESHNESS, type ReadFreshness, createErrorFormatter, wellFormedLiteralsRule, DomainErrorHttpFilter } from '@policy-cms/common';
import { buildDataSourceOptions } from '@policy-cms/database';
import { LEDGER_CLOCK_OPTIONS, PolicyModule, READ_PATH_OPTIONS, type LedgerClockOptions, type ReadPathOptions } from '@policy-cms/policy';
import { IdentityModule } from '@policy-cms/identity';
import { AUDIT_SIGNING_OPTIONS, type AuditSigningOptions } from '@policy-cms/audit';
import { randomBytes } from 'node:crypto';
import { Clock, systemClock } from '@policy-cms/temporal';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AcceptedEstimates, complexityLimitPlugin } from './graphql/complexity.plugin';
import { HealthController } from './health/health.controller';
import { DatabaseProbe, HEALTH_DATABASE_URL } from './health/database-probe';
import { httpStatusPlugin } from './graphql/http-status.plugin';
import { noFieldSuggestionsPlugin } from './graphql/no-suggestions.plugin';
import { queryLimitRules } from './graphql/query-limits';
import { DemoDataBootstrap } from './demo-data.bootstrap';
import { ReplicaReads } from './reads/replica-reads';
import { ResponseCache } from './edge/response-cache';
import { APP_FILTER } from '@nestjs/core';
import { DeliveryModule } from './delivery/delivery.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The database to use: DATABASE_URL, or the URL of the embedded server started before the app. */
  databaseUrl: string;
  clock?: Clock;
  /** Where to write the generated schema; false keeps it in memory. */
  schemaFile?: string | false;
}


@Global()
@Module({})
class CoreModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: APP_CONFIG, useValue: options.config },
        ReplicaReads,
        {
          provide: READ_PATH_OPTIONS,
          inject: [ReplicaReads],
          useFactory: (replicas: ReplicaReads): ReadPathOptions => ({
            readModel: options.config.readModel,
            pastCacheBytes: options.config.readCacheBytes,
            holdHistory: options.config.readHistory,
            router: replicas,
          }),
        },
        { provide: LEDGER_CLOCK_OPTIONS, useValue: { clockSkewMs: options.config.clockSkewMs } satisfies LedgerClockOptions },
        {
          provide: AUDIT_SIGNING_OPTIONS,
          useValue: {
            key: options.config.auditSigning.key,
            dataDir: options.config.dataDir,
            embedded: !options.config.databaseUrl,
            production: options.config.auditSigning.required,
          } satisfies AuditSigningOptions,
        },
      ],
      exports: [CLOCK, APP_CONFIG, AUDIT_SIGNING_OPTIONS, READ_PATH_OPTIONS, LEDGER_CLOCK_OPTIONS, ReplicaReads],
    };
  }
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    // The cost limit's accepted estimates, shared with the GraphQL edge (which computes proven public reads itself).
    const acceptedEstimates = new AcceptedEstimates();
    return {
      module: AppModule,
      imports: [
        CoreModule.register(options),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' },
            // An anonymous answer is the public read path's bread and butter: logged at debug, not info (measured:
            // ≈65 µs a request at info). Staff requests stay at info; client errors at warn, server errors at error.
            customLogLevel: (req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : req.headers.authorization ? 'info' : 'debug',
          },
        }),
        // No entities (every query is SQL) and no migrations here: they run before the app, as the schema's owner
        // (migrateDatabase), while this pool connects as the runtime role.
        TypeOrmModule.forRoot(buildDataSourceOptions({ url: options.databaseUrl, entities: [], migrations: [] })),
        TerminusModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [PinoLogger, GraphQLSchemaHost],
          useFactory: (logger: PinoLogger, schemaHost: GraphQLSchemaHost) => ({
            autoSchemaFile: options.schemaFile ?? true,
            sortSchema: true,
            playground: false,
            introspection: config.graphqlIntrospection,
            includeStacktraceInErrorResponses: false,
            // Automatic persisted queries would let a client store documents in the server's memory; nothing uses them.
            persistedQueries: false,
            allowBatchedHttpRequests: false,
            // CSRF prevention refuses a GET without a preflight-forcing header, against a forged request that rides on
            // the browser's cookies. This API never reads cookies: staff authenticate with a bearer token a foreign page
            // cannot attach, and anonymous reads are public anyway. So plain GET queries are allowed (cacheable by URL);
            // Apollo still refuses a mutation over GET (405), and a POST must be JSON, which a form cannot send.
            csrfPrevention: false,
            // Nest's own plugin would set 200 on every answer with `data`; httpStatusPlugin decides, from one table.
            preserveHttpStatusForExecutionErrors: false,
            validationRules: [wellFormedLiteralsRule, ...queryLimitRules],
            plugins: [
              ...(config.graphqlSandbox ? [ApolloServerPluginLandingPageLocalDefault({ footer: false })] : []),
              complexityLimitPlugin(() => schemaHost.schema, config.graphqlMaxComplexity, acceptedEstimates),
              httpStatusPlugin(),
              noFieldSuggestionsPlugin(),
            ],
            formatError: createErrorFormatter({ error: (details, message) => logger.error(details, message) }),
            context: ({ req }: { req: unknown }) => ({ req }),
          }),
        }),
        PolicyModule,
        DeliveryModule.register({
          maxAgeSeconds: config.snapshotMaxAgeSeconds,
          cacheBytes: config.responseCacheBytes,
          settleMs: config.snapshotSettleMs,
        }),
        IdentityModule.register({
          tokenSecret: config.tokenSecret ?? randomBytes(32).toString('base64url'),
          tokenTtlSeconds: config.tokenTtlSeconds,
        }),
      ],
      controllers: [HealthController],
      providers: [
        DemoDataBootstrap,
        { provide: AcceptedEstimates, useValue: acceptedEstimates },
        {
          provide: ResponseCache,
          inject: [CLOCK, { token: READ_FRESHNESS, optional: true }],
          useFactory: (clock: Clock, freshness?: ReadFreshness) =>
            new ResponseCache({ maxBytes: config.responseCacheBytes, clock, freshness }),
        },
        { provide: APP_FILTER, useClass: DomainErrorHttpFilter },
        { provide: HEALTH_DATABASE_URL, useValue: options.databaseUrl },
        DatabaseProbe,
      ],
    };
  }
}

export { Logger };
