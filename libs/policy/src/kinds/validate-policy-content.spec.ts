import { demoPolicies, demoPublications } from '../demo';
import { validatePolicyContent } from './index';

function kindOf(policyKey: string): string {
  const policy = demoPolicies.find((p) => p.key === policyKey);
  if (!policy) throw new Error(`no demo policy ${policyKey}`);
  return policy.kind;
}

/** A deep copy of the content of the first demo version of `policyKey`, for tests to spoil. */
function demoContent(policyKey: string, index = 0): any {
  const found = demoPublications.filter((p) => p.policyKey === policyKey)[index];
  if (!found) throw new Error(`no demo publication ${policyKey}#${index}`);
  return structuredClone(found.content);
}

function issuesOf(kind: string, content: unknown) {
  const result = validatePolicyContent(kind, content);
  if (result.ok) throw new Error('expected the content to be refused');
  return result.issues;
}

describe(validatePolicyContent.name, () => {
  it.each(demoPublications.map((p, i) => [i, p.policyKey, p.effectiveFrom, p] as const))(
    'accepts demo publication #%i (%s from %s)',
    (_i, _key, _from, publication) => {
      const result = validatePolicyContent(kindOf(publication.policyKey), publication.content);
      expect(result).toEqual({ ok: true, content: publication.content });
    },
  );

  it('refuses an unknown kind at the content root instead of throwing', () => {
    expect(validatePolicyContent('no-such-kind', {})).toEqual({
      ok: false,
      issues: [{ path: 'content', reason: 'UNKNOWN_KIND', params: { kind: 'no-such-kind' }, message: 'Unknown policy kind "no-such-kind"' }],
    });
  });

  it('refuses content that is not an object', () => {
    expect(issuesOf('notice', 'お知らせ')).toEqual([
      { path: 'content', reason: 'INVALID_TYPE', params: { expected: 'object' }, message: 'Content has the wrong type (expected object)' },
    ]);
  });

  it('points at an unknown procedure in a matrix row', () => {
    const matrix = demoContent('myna.facilities');
    matrix.rows[2].procedure = 'RENEW';
    expect(issuesOf('facility-matrix', matrix)).toEqual([
      { path: 'content.rows[2].procedure', reason: 'UNKNOWN_CHOICE', params: { value: 'RENEW' }, message: expect.stringContaining('"RENEW"') },
    ]);
  });

  it('points at an unknown facility type inside a row', () => {
    const matrix = demoContent('myna.facilities');
    matrix.rows[2].facilityTypes[0] = 'KOBAN';
    expect(issuesOf('facility-matrix', matrix).map((i) => i.path)).toEqual(['content.rows[2].facilityTypes[0]']);
  });

  it('points at each unknown key itself, at the root and deep inside', () => {
    const matrix = demoContent('myna.facilities');
    matrix.demo = true;
    matrix.rows[1].cellNotes = [{ facilityType: 'TEST_CENTER', note: '注記', colour: 'red' }];
    expect(issuesOf('facility-matrix', matrix)).toEqual([
      { path: 'content.rows[1].cellNotes[0].colour', reason: 'UNKNOWN_KEY', params: { key: 'colour' }, message: 'Unknown key "colour"' },
      { path: 'content.demo', reason: 'UNKNOWN_KEY', params: { key: 'demo' }, message: 'Unknown key "demo"' },
    ]);
  });

  it('refuses a procedure listed twice in a matrix, at the second row', () => {
    const matrix = demoContent('myna.facilities');
    matrix.rows.push(structuredClone(matrix.rows[0]));
    expect(issuesOf('facility-matrix', matrix)).toEqual([
      {
        path: 'content.rows[9].procedure',
        reason: 'DUPLICATE',
        params: { what: 'procedure', value: 'RENEWAL' },
        message: 'Duplicate procedure "RENEWAL"',
      },
    ]);
  });

  it('refuses a facility marked in a row when the matrix has no column for it', () => {
    const matrix = demoContent('myna.facilities');
    matrix.columns = matrix.columns.filter((c: { facilityType: string }) => c.facilityType !== 'OTHER_STATION');
    expect(issuesOf('facility-matrix', matrix)).toEqual([
      {
        path: 'content.rows[4].facilityTypes[3]',
        reason: 'NO_COLUMN_FOR_FACILITY',
        params: { value: 'OTHER_STATION' },
        message: 'No column for facility type "OTHER_STATION"',
      },
    ]);
  });

  it('refuses a negative yen amount and a fractional one', () => {
    const fees = demoContent('fees.renewal', 1);
    fees.items[0].amount.byHoldingStatus.BOTH = -1;
    fees.items[0].amount.byHoldingStatus.MYNA_ONLY = 2100.5;
    expect(issuesOf('fee-table', fees).map((i) => [i.path, i.reason]).sort()).toEqual([
      ['content.items[0].amount.byHoldingStatus.BOTH', 'AMOUNT_NEGATIVE'],
      ['content.items[0].amount.byHoldingStatus.MYNA_ONLY', 'NOT_WHOLE_NUMBER'],
    ]);
  });

  it('refuses a yen amount given as a string', () => {
    const fees = demoContent('fees.lecture', 1);
    fees.items[3].amount.yen = '200';
    expect(issuesOf('fee-table', fees).map((i) => [i.path, i.reason])).toEqual([['content.items[3].amount.yen', 'NOT_A_NUMBER']]);
  });

  it('refuses an unknown amount basis and a holding-status table with no amount at all', () => {
    const unknownBasis = demoContent('fees.renewal');
    unknownBasis.items[0].amount = { basis: 'PER_CLASS', yen: 1 };
    expect(issuesOf('fee-table', unknownBasis).map((i) => [i.path, i.reason, i.params])).toEqual([
      ['content.items[0].amount.basis', 'UNKNOWN_CHOICE', { value: 'PER_CLASS' }],
    ]);

    const empty = demoContent('fees.renewal');
    empty.items[0].amount.byHoldingStatus = {};
    expect(issuesOf('fee-table', empty).map((i) => [i.path, i.reason])).toEqual([['content.items[0].amount.byHoldingStatus', 'AMOUNT_REQUIRED']]);
  });

  it('refuses a holding status the API does not know as a fee key', () => {
    const fees = demoContent('fees.renewal', 1);
    fees.items[0].amount.byHoldingStatus.PAPER = 100;
    expect(issuesOf('fee-table', fees)).toEqual([
      { path: 'content.items[0].amount.byHoldingStatus.PAPER', reason: 'UNKNOWN_KEY', params: { key: 'PAPER' }, message: 'Unknown key "PAPER"' },
    ]);
  });

  it('refuses a required reservation without a channel and channels on a rule that needs no reservation', () => {
    const rules = demoContent('myna.reservation', 1);
    rules.rules[0].channels = [];
    rules.rules[7].channels = ['WEB'];
    expect(issuesOf('reservation-rules', rules)).toEqual([
      { path: 'content.rules[0].channels', reason: 'CHANNEL_REQUIRED', params: {}, message: 'A required reservation needs at least one channel' },
      { path: 'content.rules[7].channels', reason: 'CHANNELS_WITHOUT_RESERVATION', params: {}, message: 'No channels when no reservation is required' },
    ]);
  });

  it('refuses an unknown reservation channel inside a facility rule', () => {
    const rules = demoContent('myna.reservation', 1);
    rules.rules[8].facilityRules[0].channels = ['FAX'];
    expect(issuesOf('reservation-rules', rules).map((i) => i.path)).toEqual(['content.rules[8].facilityRules[0].channels[0]']);
  });

  it('refuses conditions on a rule that carries nothing over', () => {
    const carryOver = demoContent('myna.card-renewal', 0);
    carryOver.conditions = ['オンライン申請'];
    expect(issuesOf('card-renewal-carry-over', carryOver)).toEqual([
      { path: 'content.conditions', reason: 'CONDITIONS_WITHOUT_CARRY_OVER', params: {}, message: 'No conditions when nothing is carried over' },
    ]);
  });

  it('refuses a blank Japanese string, including one of ideographic spaces', () => {
    const carryOver = demoContent('myna.card-renewal', 1);
    carryOver.conditions[1] = '\u3000\u3000';
    expect(issuesOf('card-renewal-carry-over', carryOver).map((i) => [i.path, i.reason])).toEqual([['content.conditions[1]', 'BLANK']]);
  });

  it('refuses a birthday rule date that does not exist and a duration for an ineligible class', () => {
    const lecture = demoContent('myna.online-lecture');
    lecture.birthdayRule.renewalBirthdayOnOrAfter = '2025-02-30';
    lecture.durations.push({ driverClass: 'VIOLATOR', minutes: 120 });
    expect(issuesOf('online-lecture', lecture)).toEqual([
      {
        path: 'content.birthdayRule.renewalBirthdayOnOrAfter',
        reason: 'NO_SUCH_DAY',
        params: {},
        message: 'Renewal birthday on or after: no such day in the calendar',
      },
      {
        path: 'content.durations[2].driverClass',
        reason: 'DRIVER_CLASS_NOT_ELIGIBLE',
        params: { value: 'VIOLATOR' },
        message: 'Driver class "VIOLATOR" is not eligible',
      },
    ]);
  });

  it('refuses a covered change listed twice in the one-stop service', () => {
    const oneStop = demoContent('myna.one-stop');
    oneStop.coveredChanges.push({ particular: 'ADDRESS', label: '住所', notes: [] });
    expect(issuesOf('one-stop-service', oneStop)).toEqual([
      {
        path: 'content.coveredChanges[4].particular',
        reason: 'DUPLICATE',
        params: { what: 'particular', value: 'ADDRESS' },
        message: 'Duplicate particular "ADDRESS"',
      },
    ]);
  });

  it('refuses a notice link that is not https, and a missing body', () => {
    const notice = demoContent('myna.overview');
    notice.links[1].url = 'http://www.digital.go.jp/';
    delete notice.body;
    expect(issuesOf('notice', notice).map((i) => [i.path, i.reason])).toEqual([
      ['content.body', 'REQUIRED'],
      ['content.links[1].url', 'HTTPS_URL'],
    ]);
  });

  it('quotes keys that are not identifiers in the path', () => {
    const notice = demoContent('contact');
    notice['電話'] = '03-6717-3137';
    expect(issuesOf('notice', notice)).toEqual([{ path: 'content["電話"]', reason: 'UNKNOWN_KEY', params: { key: '電話' }, message: 'Unknown key "電話"' }]);
  });
});
