import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { CLOCK, DomainError, Roles, isUuid, parseInstant } from '@policy-cms/common';
import type { Clock } from '@policy-cms/temporal';
import type { AuditActorKind } from '@policy-cms/contract';
import type { AuditFilter } from './audit-event';
import { AUDIT_EXPORT_CONTENT_TYPES, AUDIT_EXPORT_FORMATS, AUDIT_EXPORT_HEADERS, AuditExportFormat, AuditExportHeaders } from './audit-export-format';
import { AuditService } from './audit.service';

type QueryParams = Record<string, string | string[] | undefined>;

/** Refused input: a domain error, answered by the one HTTP filter in the contract's shape. */
const badInput = (field: string, message: string) => DomainError.badInput(field, message);
const TOKYO_OFFSET_MS = 9 * 3_600_000;
const EXPORT_PARAMETERS: readonly string[] = ['format', 'headers', 'actorId', 'actorKind', 'action', 'targetType', 'targetId', 'policyKey', 'from', 'to'];

function single(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badInput(name, `${name} may be given once`);
  // An empty parameter is a mistake (a form left blank, a script's empty variable), never "every event".
  if (value === '') throw badInput(name, `${name} is empty: give a value, or leave ${name} out`);
  return value;
}

function instant(query: QueryParams, name: string): Date | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  try {
    return parseInstant(value);
  } catch (error) {
    throw badInput(name, (error as Error).message);
  }
}

@Controller('audit')
export class AuditExportController {
  constructor(
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `GET /audit/export?format=csv|jsonl&headers=en|ja&actorId=&actorKind=PERSON|SYSTEM|ANONYMOUS&action=&targetType=&targetId=&policyKey=&from=&to=`: the matching
   * events, oldest first, each with its hash, streamed as a download; CSV opens in Excel (BOM, Tokyo times), its header
   * row in English column names (`headers=en`, the default, for programs) or in Japanese (`headers=ja`, for a person;
   * CSV only). `from` is inclusive, `to` exclusive (ISO instants).
   */
  @Get('export')
  @Roles('AUDITOR', 'ADMIN')
  export(@Query() query: QueryParams): StreamableFile {
    // A misspelt filter must not export the whole trail: every parameter is one of these.
    const unknown = Object.keys(query).find((name) => !EXPORT_PARAMETERS.includes(name));
    if (unknown !== undefined) throw badInput(unknown.slice(0, 100), `${unknown.slice(0, 100)} is not a parameter of the export (${EXPORT_PARAMETERS.join(', ')})`);
    const format = single(query, 'format') ?? 'csv';
    if (!AUDIT_EXPORT_FORMATS.includes(format as AuditExportFormat)) {
      throw badInput('format', `format must be one of ${AUDIT_EXPORT_FORMATS.join(', ')}`);
    }
    const headers = single(query, 'headers') ?? 'en';
    if (!AUDIT_EXPORT_HEADERS.includes(headers as AuditExportHeaders)) throw badInput('headers', `headers must be one of ${AUDIT_EXPORT_HEADERS.join(', ')}`);
    // JSON Lines has no header row: a language for it is a mistake, not something to ignore.
    if (format === 'jsonl' && query.headers !== undefined) throw badInput('headers', 'headers names the columns of a CSV export; JSON Lines has none');
    const actorId = single(query, 'actorId');
    if (actorId !== undefined && !isUuid(actorId)) throw badInput('actorId', 'actorId must be a UUID, the id of a member of staff');
    const filter: AuditFilter = {
      actorId,
      // Checked with the other filters, where the trail checks them too (audit.service.ts whereOf).
      actorKind: single(query, 'actorKind') as AuditActorKind | undefined,
      action: single(query, 'action'),
      targetType: single(query, 'targetType'),
      targetId: single(query, 'targetId'),
      policyKey: single(query, 'policyKey'),
      from: instant(query, 'from'),
      to: instant(query, 'to'),
    };
    // Named in Tokyo time, as the CSV's times are, with its offset (Japan keeps no summer time): 20250401T093000+0900.
    const stamp = `${new Date(this.clock.now().getTime() + TOKYO_OFFSET_MS).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '')}+0900`;
    return new StreamableFile(this.audit.exportStream(format as AuditExportFormat, filter, headers as AuditExportHeaders), {
      type: AUDIT_EXPORT_CONTENT_TYPES[format as AuditExportFormat],
      disposition: `attachment; filename="audit-trail-${stamp}.${format}"`,
    });
  }
}
