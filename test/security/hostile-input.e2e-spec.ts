import request from 'supertest';
import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';
import { dataOf } from '../support/policy-api';
import { lastAuditId, tableFingerprint, tickingClock, workflow } from '../support/workflow-api';

/**
 * Hostile text at every door: a lone UTF-16 surrogate (PostgreSQL would store U+FFFD, so the audit hash would no
 * longer match the stored row), NUL (PostgreSQL refuses it in text, which surfaced as INTERNAL), and oversized
 * strings and lists. Each is refused as BAD_USER_INPUT naming the field, with HTTP 400, before anything is hashed,
 * logged or stored; the tables stay fingerprint-identical and the audit trail still verifies.
 */
const clock = tickingClock('2026-11-27T03:00:00Z');
const VERSION_ID = '0b0e7c5e-8d1a-4f0e-9c39-2f5d7b1e6a42';
const USER_ID = '16ec5662-0000-4000-8000-000000000000';

const HOSTILE: [string, string][] = [
  ['a lone high surrogate', 'x\ud800'],
  ['a lone low surrogate', '\udc00y'],
  ['a reversed surrogate pair', '\udc00\ud800'],
  ['NUL', 'a\u0000b'],
];

const notice = { title: '注意', body: '本文' };

/** Every string a mutation or public read takes, as `[operation, document, variables(value), field, as]`. */
const DOORS: [string, string, (bad: string) => Record<string, unknown>, string, ('editor' | 'approver' | 'admin' | 'auditor')?][] = [
  ['login username', 'mutation($u: String!) { login(username: $u, password: "policy-cms-demo") { token } }', (bad) => ({ u: bad }), 'u'],
  ['login password', 'mutation($p: String!) { login(username: "editor", password: $p) { token } }', (bad) => ({ p: bad }), 'p'],
  ['policyInForce key', 'query($key: ID!) { policyInForce(key: $key) { id } }', (bad) => ({ key: bad }), 'key'],
  ['policyTimeline key', 'query($key: ID!) { policyTimeline(key: $key) { id } }', (bad) => ({ key: bad }), 'key'],
  ['policyLedger key', 'query($key: ID!) { policyLedger(key: $key) { id } }', (bad) => ({ key: bad }), 'key'],
  [
    'createPolicyVersion summary',
    'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
    (bad) => ({ input: { policyKey: 'contact', effectiveFrom: '2027-01-04', content: notice, summary: bad } }),
    'input.summary',
    'editor',
  ],
  [
    'createPolicyVersion content',
    'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
    (bad) => ({ input: { policyKey: 'contact', effectiveFrom: '2027-01-04', content: { ...notice, body: bad }, summary: '要約' } }),
    'input.content.body',
    'editor',
  ],
  [
    'createPolicyVersion content key',
    'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
    (bad) => ({ input: { policyKey: 'contact', effectiveFrom: '2027-01-04', content: { ...notice, [bad]: 1 }, summary: '要約' } }),
    'input.content.<invalid key>',
    'editor',
  ],
  [
    'createPolicyVersion policyKey',
    'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
    (bad) => ({ input: { policyKey: bad, effectiveFrom: '2027-01-04', content: notice, summary: '要約' } }),
    'input.policyKey',
    'editor',
  ],
  [
    'createPolicyVersion reason',
    'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
    (bad) => ({ input: { policyKey: 'contact', effectiveFrom: '2026-01-04', content: notice, summary: '要約', reason: bad } }),
    'input.reason',
    'editor',
  ],
  [
    'updatePolicyVersion summary',
    'mutation($input: UpdatePolicyVersionInput!) { updatePolicyVersion(input: $input) { id } }',
    (bad) => ({ input: { id: VERSION_ID, revision: 1, summary: bad } }),
    'input.summary',
    'editor',
  ],
  ['rejectPolicyVersion reason', 'mutation($r: String!) { rejectPolicyVersion(id: "' + VERSION_ID + '", reason: $r) { id } }', (bad) => ({ r: bad }), 'r', 'approver'],
  ['publishPolicyVersion reason', 'mutation($r: String) { publishPolicyVersion(id: "' + VERSION_ID + '", reason: $r) { id } }', (bad) => ({ r: bad }), 'r', 'approver'],
  ['withdrawPolicyVersion reason', 'mutation($r: String!) { withdrawPolicyVersion(id: "' + VERSION_ID + '", reason: $r) { id } }', (bad) => ({ r: bad }), 'r', 'approver'],
  ['submitPolicyVersion id', 'mutation($id: ID!) { submitPolicyVersion(id: $id) { id } }', (bad) => ({ id: bad }), 'id', 'editor'],
  [
    'createUser displayName',
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    (bad) => ({ input: { username: 'newcomer', displayName: bad, password: 'a-long-enough-password', roles: ['EDITOR'] } }),
    'input.displayName',
    'admin',
  ],
  ['setUserRoles userId', 'mutation($id: ID!) { setUserRoles(userId: $id, roles: [AUDITOR]) { id } }', (bad) => ({ id: bad }), 'id', 'admin'],
  ['auditTrail filter', 'query($f: AuditTrailFilter) { auditTrail(filter: $f) { totalCount } }', (bad) => ({ f: { action: bad } }), 'f.action', 'auditor'],
  ['the operation name', 'query Q { policies { key } }', () => ({}), 'operationName'],
];

describe('hostile input', () => {
  let t: TestApp;
  let wf: ReturnType<typeof workflow>;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    wf = workflow(t);
    // Log everyone in first: a login writes an audit event, which would blur the "nothing was written" checks.
    for (const user of ['admin', 'editor', 'approver', 'auditor'] as const) {
      dataOf(await t.gql('{ me { username } }', {}, { as: user }));
      await tokenOf(user);
    }
  });
  afterAll(() => t.close());

  /** Sends a raw GraphQL body (so that the operation name, too, can be hostile) with the caller's token. */
  async function post(body: Record<string, unknown>, as?: 'editor' | 'approver' | 'admin' | 'auditor'): Promise<GqlResult> {
    // Borrow the harness's login: a cheap authenticated query gives nothing away, but fills its token cache.
    let call = request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (as) call = call.set('authorization', `Bearer ${await tokenOf(as)}`);
    const response = await call.send(body);
    return { status: response.status, data: response.body?.data, errors: response.body?.errors };
  }
  const tokens = new Map<string, string>();
  async function tokenOf(username: string): Promise<string> {
    if (!tokens.has(username)) {
      const result = await t.gql('mutation($u: String!) { login(username: $u, password: "policy-cms-demo") { token } }', { u: username });
      tokens.set(username, dataOf(result).login.token);
    }
    return tokens.get(username)!;
  }

  /**
   * Refused as bad input naming `field`, and nothing written. HTTP 400 when the request is refused before it runs
   * (the input boundary, GraphQL validation); 200 with the error when a resolver's domain rule refuses it.
   */
  async function expectRefusedWithoutTrace(send: () => Promise<GqlResult>, field: string, status = 400) {
    const before = await tableFingerprint(t.sql);
    const lastEvent = await lastAuditId(t.sql);
    const result = await send();
    expect(result.status).toBe(status);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.data ?? null).toBeNull();
    expect(await tableFingerprint(t.sql)).toEqual(before);
    expect(await lastAuditId(t.sql)).toBe(lastEvent);
  }

  describe.each(HOSTILE)('%s', (_name, bad) => {
    // Objects, not rows: jest would hand a short row's missing last argument over as a `done` callback.
    const doors = DOORS.map(([door, query, variables, field, as]) => ({ door, query, variables, field, as }));
    it.each(doors)('in $door, sent as a variable, is refused naming the field and writes nothing', async ({ query, variables, field, as }) => {
      const body = field === 'operationName' ? { query, operationName: `Q${bad}` } : { query, variables: variables(bad) };
      await expectRefusedWithoutTrace(() => post(body, as), field);
    });
  });

  it.each([
    ['NUL', '"a\\u0000b"'],
    ['a NUL inside an input object', '"ok"'],
  ])('%s written into the document as an escape is refused naming the argument', async (name, summaryLiteral) => {
    const bodyLiteral = name === 'NUL' ? '"本文"' : '"本\\u0000文"';
    const field = name === 'NUL' ? 'input.summary' : 'input.content.body';
    await expectRefusedWithoutTrace(
      () =>
        post(
          {
            query: `mutation { createPolicyVersion(input: { policyKey: "contact", effectiveFrom: "2027-01-04",
              content: { title: "注意", body: ${bodyLiteral} }, summary: ${summaryLiteral} }) { id } }`,
          },
          'editor',
        ),
      field,
    );
  });

  it('a lone surrogate escape written into the document is refused as bad input', async () => {
    const result = await post({ query: '{ policyInForce(key: "x\\ud800") { id } }' });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('NUL or a lone surrogate in the query string of the audit export is refused, not a cut-off download', async () => {
    const token = await tokenOf('auditor');
    for (const bad of ['a%00b', 'x%ED%A0%80', 'x%F0']) {
      const response = await request(t.app.getHttpServer()).get(`/audit/export?format=csv&action=${bad}`).set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action' });
    }
  });

  describe('size', () => {
    it('a string over 100,000 characters anywhere is refused before it reaches a service', async () => {
      await expectRefusedWithoutTrace(
        () => post({ query: 'query($key: ID!) { policyInForce(key: $key) { id } }', variables: { key: 'k'.repeat(100_001) } }),
        'key',
      );
    });

    it('a list of more than 10,000 items anywhere is refused', async () => {
      await expectRefusedWithoutTrace(
        () =>
          post(
            {
              query: 'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
              variables: { input: { policyKey: 'contact', effectiveFrom: '2027-01-04', content: { ...notice, links: new Array(10_001).fill(0) }, summary: '要約' } },
            },
            'editor',
          ),
        'input.content.links',
      );
    });

    it('a change note or reason over 2,000 characters is refused naming it', async () => {
      await expectRefusedWithoutTrace(
        () => wf.create({ policyKey: 'contact', effectiveFrom: '2027-01-04', content: notice, summary: '長'.repeat(2001) }, 'editor'),
        'input.summary',
        200,
      );
      await expectRefusedWithoutTrace(
        () =>
          wf.create({ policyKey: 'contact', effectiveFrom: '2026-01-04', content: notice, summary: '要約', reason: '長'.repeat(2001) }, 'editor'),
        'input.reason',
        200,
      );
      await expectRefusedWithoutTrace(() => wf.reject(VERSION_ID, '長'.repeat(2001), 'approver'), 'reason', 200);
    });

    it('a content list over 200 items is refused at its path, with the kind’s JSON Schema saying so', async () => {
      const facilities = dataOf(await t.gql('{ policyInForce(key: "myna.facilities", on: "2025-04-01") { content } }')).policyInForce.content;
      const notes = new Array(201).fill('注記');
      await expectRefusedWithoutTrace(
        () => wf.create({ policyKey: 'myna.facilities', effectiveFrom: '2027-01-04', content: { ...facilities, notes }, summary: '要約' }, 'editor'),
        'input.content.notes',
        200,
      );
      const kinds = dataOf(await t.gql('{ policyKinds { name jsonSchema } }')).policyKinds;
      const matrix = kinds.find((kind: { name: string }) => kind.name === 'facility-matrix');
      expect(matrix.jsonSchema.properties.notes.maxItems).toBe(200);
    });
  });

  describe('malformed ids', () => {
    it.each([
      ['policyVersion', 'query($v: ID!) { policyVersion(id: $v) { id } }', 'v', 'id'],
      ['diffPolicyVersions', `query($v: ID!) { diffPolicyVersions(a: $v, b: "${VERSION_ID}") { entries { path } } }`, 'v', 'a'],
      ['approvePolicyVersion', 'mutation($v: ID!) { approvePolicyVersion(id: $v) { id } }', 'v', 'id'],
      ['setUserRoles', 'mutation($v: ID!) { setUserRoles(userId: $v, roles: [AUDITOR]) { id } }', 'v', 'userId'],
    ])('%s with an id that is not a UUID answers BAD_USER_INPUT naming it', async (_name, query, variable, field) => {
      for (const id of ['-'.repeat(36), 'not-a-uuid', `${VERSION_ID}x`, "' OR 1=1 --"]) {
        const result = await t.gql(query, { [variable]: id }, { as: 'admin' });
        expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });

    it('a policyVersions filter with an authorId that is not a UUID answers BAD_USER_INPUT, not INTERNAL', async () => {
      const result = await t.gql('{ policyVersions(filter: { authorId: "nobody" }) { totalCount } }', {}, { as: 'auditor' });
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.authorId' });
    });

    it('a well-formed id that names nothing is NOT_FOUND', async () => {
      const result = await t.gql('query($v: ID!) { policyVersion(id: $v) { id } }', { v: USER_ID }, { as: 'auditor' });
      expect(result.errors![0].extensions.code).toBe('NOT_FOUND');
    });
  });

  it('instants in the years 0001 to 0099 are instants, before any record', async () => {
    for (const knownAt of ['0001-01-01T00:00:00Z', '0099-12-31T23:59:59+09:00']) {
      const result = await t.gql('query($k: DateTime) { policyInForce(key: "contact", on: "2025-04-01", knownAt: $k) { id } }', { k: knownAt });
      expect(result.errors).toBeUndefined();
      expect(result.data!.policyInForce).toBeNull();
    }
  });

  describe('concurrent requests', () => {
    it('ten drafts of one policy created at once are all created, numbered one after another', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          wf.create({ policyKey: 'offices.closure', effectiveFrom: '2027-06-01', content: { title: '休止', body: `同時の下書き ${i}` }, summary: `下書き ${i}` }, 'editor'),
        ),
      );
      for (const result of results) expect(result.errors).toBeUndefined();
      const numbers = results.map((result) => dataOf(result).createPolicyVersion.number).sort((a: number, b: number) => a - b);
      expect(new Set(numbers).size).toBe(10);
      expect(numbers[9] - numbers[0]).toBe(9);
    });
  });

  describe('a published version is frozen whole, even for the database superuser', () => {
    it.each([
      ['its approver', `approved_by = (SELECT id FROM user_account WHERE username = 'admin')`],
      ['its authors', `author_ids = ARRAY[(SELECT id FROM user_account WHERE username = 'editor2')]`],
      ['its creator', `created_by = (SELECT id FROM user_account WHERE username = 'editor2')`],
      ['its approval hash', `approved_hash = repeat('0', 64)`],
      ['its retroactive reason', `retroactive_reason = '書き換え'`],
      ['its revision', `revision = revision + 1`],
      ['its creation time', `created_at = created_at - interval '1 day'`],
      ['its withdrawal time without a withdrawal', `withdrawn_at = now(), status = 'PUBLISHED'`],
    ])('rewriting %s is refused', async (_what, assignment) => {
      const [published] = await t.sql(`SELECT id FROM policy_version WHERE status = 'PUBLISHED' ORDER BY number LIMIT 1`);
      await expect(t.sql(`UPDATE policy_version SET ${assignment} WHERE id = $1`, [published.id])).rejects.toThrow(/can only be withdrawn/);
    });

    it('the withdrawal itself still goes through the workflow', async () => {
      const created = dataOf(
        await wf.create({ policyKey: 'offices.closure', effectiveFrom: '2027-08-01', content: { title: '休止', body: '撤回する版' }, summary: '撤回用' }, 'editor'),
      ).createPolicyVersion;
      dataOf(await wf.submit(created.id, 'editor'));
      dataOf(await wf.approve(created.id, 'approver'));
      dataOf(await wf.publish(created.id, 'approver'));
      expect(dataOf(await wf.withdraw(created.id, '誤りのため', 'approver')).withdrawPolicyVersion.status).toBe('WITHDRAWN');
    });
  });

  describe('found by a hostile review', () => {
    it('null for a non-null argument with a default is bad input naming it, not INTERNAL', async () => {
      for (const [query, field] of [
        ['query($a: Int) { auditTrail(first: $a) { totalCount } }', 'first'],
        ['query($a: Int) { policyVersions(offset: $a) { totalCount } }', 'offset'],
      ]) {
        const result = await post({ query, variables: { a: null } }, 'auditor');
        expect(result.status).toBe(400);
        expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });

    it('a subscription is bad input: the API has none', async () => {
      const result = await post({ query: 'subscription { __typename }' });
      expect(result.status).toBe(400);
      expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('a corrupt gzip body is bad input in the contract’s shape', async () => {
      const response = await request(t.app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('content-encoding', 'gzip')
        .send('{"query":"{ policies { key } }"}');
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    });

    it('a username written as a spreadsheet formula reaches the CSV export inert', async () => {
      await post({ query: 'mutation($u: String!) { login(username: $u, password: "wrong-password") { token } }', variables: { u: '=HYPERLINK("http://e.vl/","x")' } });
      const response = await request(t.app.getHttpServer())
        .get('/audit/export?format=csv&action=auth.login_failed')
        .set('authorization', `Bearer ${await tokenOf('auditor')}`);
      expect(response.status).toBe(200);
      expect(response.text).toContain(`"'=hyperlink(""http://e.vl/"",""x"")"`);
      expect(response.text).not.toMatch(/,"?=hyperlink/);
    });

    it('the audit export refuses an actorId that is not a UUID, as GraphQL does', async () => {
      const response = await request(t.app.getHttpServer()).get('/audit/export?actorId=zz').set('authorization', `Bearer ${await tokenOf('auditor')}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actorId' });
    });
  });

  describe('found by the second hostile review', () => {
    /** A raw request and its answer, with the refusal checks of expectRefusedWithoutTrace. */
    async function raw(send: () => request.Test): Promise<GqlResult> {
      const response = await send();
      return { status: response.status, data: response.body?.data, errors: response.body?.errors };
    }
    const server = () => request(t.app.getHttpServer());
    /** POST /graphql with exactly these bytes (superagent would serialize a Buffer given with a JSON content type). */
    const postBytes = (bytes: Buffer, headers: Record<string, string>) =>
      server()
        .post('/graphql')
        .set(headers)
        .serialize((data) => data)
        .send(bytes as unknown as string);

    it.each([
      ['NUL', '"a\\u0000"'],
      ['a lone surrogate', '"a\\ud800"'],
    ])('%s escaped in the variables of a GraphQL GET is refused naming the variable, anonymous or staff', async (_name, value) => {
      const variables = encodeURIComponent(`{"k":${value}}`);
      const anonymous = `/graphql?query=${encodeURIComponent('query($k: ID) { changeFeed(policyKey: $k) { endCursor } }')}&variables=${variables}`;
      await expectRefusedWithoutTrace(() => raw(() => server().get(anonymous)), 'k');
      const staff = `/graphql?query=${encodeURIComponent('query($k: String) { auditTrail(filter: { policyKey: $k }) { totalCount } }')}&variables=${variables}`;
      await expectRefusedWithoutTrace(async () => raw(() => server().get(staff).set('authorization', `Bearer ${tokens.get('auditor')}`)), 'k');
      // Extensions are JSON in the query string too.
      const extensions = `/graphql?query=${encodeURIComponent('{ policies { key } }')}&extensions=${encodeURIComponent(`{"x":${value}}`)}`;
      await expectRefusedWithoutTrace(() => raw(() => server().get(extensions)), 'extensions.x');
    });

    it('bytes that are not UTF-8 in a JSON body are refused, not stored as U+FFFD, anonymous or staff', async () => {
      const bytes = (text: string) => Buffer.concat(text.split('§').flatMap((part, index) => (index ? [Buffer.from([0xff, 0xed, 0xa0, 0x80]), Buffer.from(part)] : [Buffer.from(part)])));
      const anonymous = bytes('{"query":"{ policyInForce(key: \\"§\\") { id } }"}');
      await expectRefusedWithoutTrace(() => raw(() => postBytes(anonymous, { 'content-type': 'application/json' })), 'body');
      const create = bytes(
        '{"query":"mutation($i: CreatePolicyVersionInput!) { createPolicyVersion(input: $i) { id } }",' +
          '"variables":{"i":{"policyKey":"contact","effectiveFrom":"2027-01-04","content":{"title":"注意","body":"本文"},"summary":"x§y"}}}',
      );
      await expectRefusedWithoutTrace(
        () => raw(() => postBytes(create, { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('editor')}` })),
        'body',
      );
    });

    it.each(['utf-16le', 'utf-7'])('a JSON body in %s is refused: JSON comes in UTF-8', async (charset) => {
      const body = Buffer.from('{"query":"{ policies { key } }"}', charset === 'utf-16le' ? 'utf16le' : 'utf8');
      await expectRefusedWithoutTrace(() => raw(() => postBytes(body, { 'content-type': `application/json; charset=${charset}` })), 'body');
    });

    it('an edit that changes nothing is refused, and leaves an approval and its authors as they were', async () => {
      const created = dataOf(
        await wf.create({ policyKey: 'offices.closure', effectiveFrom: '2027-09-01', content: { title: '休止', body: '承認済みのまま' }, summary: '変更なし' }, 'editor'),
      ).createPolicyVersion;
      dataOf(await wf.submit(created.id, 'editor'));
      const approved = dataOf(await wf.approve(created.id, 'approver')).approvePolicyVersion;
      dataOf(await t.gql('{ me { username } }', {}, { as: 'editor2' })); // its login is an event of its own
      for (const input of [
        { id: created.id, revision: approved.revision },
        { id: created.id, revision: approved.revision, summary: '変更なし', effectiveFrom: '2027-09-01', effectiveThrough: null, content: { body: '承認済みのまま', title: '休止' } },
      ]) {
        const lastEvent = await lastAuditId(t.sql);
        const result = await wf.update(input, 'editor2');
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
        expect(await lastAuditId(t.sql)).toBe(lastEvent);
      }
      const after = await wf.detail(created.id);
      expect(after).toMatchObject({ status: 'APPROVED', revision: approved.revision, approvedHash: approved.approvedHash });
      expect(after.authorIds).toHaveLength(1);
    });

    it.each([
      ['GET', '/v1/policies'],
      ['POST', '/v1/rules'],
      ['GET', '/audit/nope'],
    ])('%s %s, which no route serves, answers NOT_FOUND in the contract’s shape', async (method, path) => {
      const response = method === 'GET' ? await server().get(path) : await server().post(path).send({});
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ errors: [{ message: `nothing answers ${method} ${path}`, extensions: { code: 'NOT_FOUND' } }] });
    });

    it('an auditTrail filter by a person whose id is not a UUID is bad input naming it, not an empty page', async () => {
      const result = await post({ query: '{ auditTrail(filter: { actorId: "not-a-uuid" }) { totalCount } }' }, 'auditor');
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.actorId' });
    });

    it('the audit export refuses a parameter it does not know, so a misspelt filter does not export the whole trail', async () => {
      const response = await server().get('/audit/export?format=csv&actorID=x').set('authorization', `Bearer ${tokens.get('auditor')}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actorID' });
    });

    it('a document with too many selections of one field to validate is QUERY_TOO_COMPLEX, not a bare "Validation aborted."', async () => {
      const result = await post({ query: `{ policies { key ${Array(800).fill('key').join(' ')} } }` });
      expect(result.status).toBe(400);
      expect(result.errors).toEqual([{ message: expect.stringContaining('too much work to validate'), extensions: { code: 'QUERY_TOO_COMPLEX' } }]);
    });
  });

  it('the audit trail verifies after all of it', async () => {
    const result = await t.gql('{ verifyAuditTrail { ok firstBrokenId } }', {}, { as: 'auditor' });
    expect(dataOf(result).verifyAuditTrail).toMatchObject({ ok: true, firstBrokenId: null });
  });
});
