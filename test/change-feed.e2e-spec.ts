import { steerableClock } from './support/steerable-clock';
import { get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { TookEffectEmitter } from '../apps/api/src/delivery/changes/took-effect-emitter';
import { currentDatabase } from './support/current-database';
import { startTestApp, type TestApp } from './support/test-app';
import { VERSION_FIELDS, dataOf, errorOf } from './support/policy-api';
import { workflow } from './support/workflow-api';

/**
 * The change feed (issue 10, item 2): PUBLISHED and WITHDRAWN in the transaction of the change, TOOK_EFFECT at 00:00
 * Asia/Tokyo of the day a policy's rule in force changes (exactly once, caught up after a restart), read through
 * GraphQL `changeFeed` and GET /v1/changes. The clock is steered: it runs, or stands still at the instant a case needs.
 */


const EVENT_FIELDS = 'cursor id type policyKey versionId versionNumber effectiveFrom effectiveThrough recordedAt retroactive day emittedAt';

interface FeedEvent {
  cursor: string;
  id: string;
  type: 'PUBLISHED' | 'WITHDRAWN' | 'TOOK_EFFECT';
  policyKey: string;
  versionId: string | null;
  versionNumber: number | null;
  effectiveFrom: string | null;
  effectiveThrough: string | null;
  recordedAt: string;
  retroactive: boolean | null;
  day: string | null;
  emittedAt: string;
}

interface FeedPage {
  events: FeedEvent[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  json: any;
}

// The webhook workers stay off (the subscription written here points nowhere); logins outlast the days crossed.
const ENV = { WEBHOOK_WORKER: '0', TOKEN_TTL_SECONDS: String(7 * 24 * 3600) };

describe('the change feed', () => {
  // 09:00 in Tokyo on 2026-11-27; the cases move the clock across the following midnights, in order.
  const clock = steerableClock('2026-11-27T00:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock, env: ENV });
    await t.ensureDemoUsers();
  });
  afterAll(async () => {
    await t.close();
  });

  const emitter = (app: TestApp = t) => app.app.get(TookEffectEmitter);

  async function changeFeed(variables: Record<string, unknown> = {}, app: TestApp = t): Promise<FeedPage> {
    return dataOf(
      await app.gql(
        `query($after: String, $first: Int, $policyKey: ID, $types: [ChangeEventType!]) {
           changeFeed(after: $after, first: $first, policyKey: $policyKey, types: $types) { events { ${EVENT_FIELDS} } endCursor hasNextPage }
         }`,
        variables,
      ),
    ).changeFeed;
  }

  /** Every event of the feed matching the filters, walked page by page. */
  async function wholeFeed(variables: Record<string, unknown> = {}): Promise<FeedEvent[]> {
    const events: FeedEvent[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await changeFeed({ ...variables, after, first: 50 });
      events.push(...page.events);
      if (!page.hasNextPage) return events;
      after = page.endCursor;
    }
  }

  const tookEffect = async (policyKey: string, day: string) =>
    (await wholeFeed({ policyKey, types: ['TOOK_EFFECT'] })).filter((event) => event.day === day);

  /** A GET over a plain node:http client. */
  async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    return new Promise((answered, failed) => {
      httpGet({ host: '127.0.0.1', port, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', failed);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          answered({ status: response.statusCode!, headers: response.headers as Record<string, string>, json: text ? JSON.parse(text) : undefined });
        });
      }).on('error', failed);
    });
  }

  /** A version written, reviewed and published through the API; returns it as staff see it. */
  async function publish(policyKey: string, effectiveFrom: string, body: string, reason?: string) {
    const wf = workflow(t);
    const created = dataOf(
      await wf.create({ policyKey, effectiveFrom, content: { title: `${policyKey} テスト`, body }, summary: 'テスト(出典: テスト)', ...(reason ? { reason } : {}) }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    return dataOf(await wf.publish(created.id, 'approver')).publishPolicyVersion;
  }

  async function inForce(key: string, on: string) {
    return dataOf(await t.gql(`query($key: ID!, $on: Date) { policyInForce(key: $key, on: $on) { ${VERSION_FIELDS} } }`, { key, on })).policyInForce;
  }

  it('announces a scheduled version as PUBLISHED at once, and TOOK_EFFECT exactly at 00:00 in Tokyo of its day', async () => {
    // The first run on a fresh install records today as done and announces no history.
    const [progress] = await t.sql(`SELECT took_effect_through::text AS through FROM change_feed_progress`);
    expect(progress.through).toBe('2026-11-27');
    expect(await t.sql(`SELECT 1 FROM change_event WHERE type = 'TOOK_EFFECT'`)).toEqual([]);

    // Asked twice before the publish, as a cache would keep it: the answer after the publish must still be fresh.
    const end = (await wholeFeed()).at(-1)!.cursor;
    expect((await changeFeed({ after: end })).events).toEqual([]);
    expect((await changeFeed({ after: end })).events).toEqual([]);

    const version = await publish('contact', '2026-11-28', '11月28日からの窓口');
    const published = (await changeFeed({ after: end })).events;
    expect(published).toEqual([
      {
        cursor: expect.any(String),
        id: expect.any(String),
        type: 'PUBLISHED',
        policyKey: 'contact',
        versionId: version.id,
        versionNumber: version.number,
        effectiveFrom: '2026-11-28',
        effectiveThrough: null,
        recordedAt: version.publishedAt,
        retroactive: false,
        day: null,
        emittedAt: expect.any(String),
      },
    ]);
    const overHttp = await get(`/v1/changes?after=${end}`);
    expect(overHttp.status).toBe(200);
    expect(overHttp.json).toEqual({ events: published, endCursor: published[0].cursor, hasNextPage: false });

    clock.freezeAt('2026-11-27T14:59:59.999Z'); // 23:59:59.999 in Tokyo
    await emitter().emitDue();
    expect(await tookEffect('contact', '2026-11-28')).toEqual([]);

    clock.freezeAt('2026-11-27T15:00:00.000Z'); // 00:00 on 2026-11-28 in Tokyo
    expect(await emitter().emitDue()).toBeGreaterThanOrEqual(1);
    const segment = await inForce('contact', '2026-11-28');
    expect(await tookEffect('contact', '2026-11-28')).toEqual([
      {
        cursor: expect.any(String),
        id: expect.any(String),
        type: 'TOOK_EFFECT',
        policyKey: 'contact',
        versionId: version.id,
        versionNumber: version.number,
        effectiveFrom: segment.effectiveFrom,
        effectiveThrough: segment.effectiveThrough,
        recordedAt: segment.recordedAt,
        retroactive: null,
        day: '2026-11-28',
        emittedAt: expect.any(String),
      },
    ]);

    clock.freezeAt('2026-11-28T00:00:00.000Z'); // midnight in UTC: nothing new, and nothing twice
    expect(await emitter().emitDue()).toBe(0);
    expect(await tookEffect('contact', '2026-11-28')).toHaveLength(1);
  });

  it('writes a day’s events exactly once when two instances run the emitter at the same instant', async () => {
    clock.runFrom('2026-11-28T01:00:00Z');
    const version = await publish('myna.overseas', '2026-11-29', '11月29日からの案内');
    const second = await startTestApp({ clock, env: { ...ENV, CHANGE_FEED_WORKER: '0' } });
    try {
      clock.freezeAt('2026-11-28T15:00:00Z');
      const written = await Promise.all([emitter().emitDue(), emitter(second).emitDue(), emitter().emitDue()]);
      const events = await tookEffect('myna.overseas', '2026-11-29');
      expect(events.map((event) => event.versionId)).toEqual([version.id]);
      const [{ count }] = await t.sql(`SELECT count(*)::int AS count FROM change_event WHERE type = 'TOOK_EFFECT' AND day = '2026-11-29'`);
      expect(written.reduce((sum, n) => sum + n, 0)).toBe(count);
      // The function itself, run again for the day (by hand, past the lease), writes nothing twice either.
      expect(await t.sql(`SELECT change_feed_took_effect('2026-11-29') AS written`)).toEqual([{ written: 0 }]);
    } finally {
      await second.close();
    }
  });

  it('writes no TOOK_EFFECT for a version withdrawn before its day', async () => {
    clock.runFrom('2026-11-29T01:00:00Z');
    const withdrawn = await publish('offices.closure', '2026-11-30', '休止のお知らせ(取消)');
    const kept = await publish('myna.holding-status', '2026-11-30', '保有状況の案内');
    const after = (await wholeFeed()).at(-1)!.cursor;
    dataOf(await workflow(t).withdraw(withdrawn.id, '誤って公表したため', 'approver'));
    const detail = await workflow(t).detail(withdrawn.id);
    expect((await changeFeed({ after })).events).toEqual([
      expect.objectContaining({
        type: 'WITHDRAWN',
        policyKey: 'offices.closure',
        versionId: withdrawn.id,
        effectiveFrom: '2026-11-30',
        recordedAt: detail.withdrawnAt,
        retroactive: null,
        day: null,
      }),
    ]);

    clock.freezeAt('2026-11-29T15:00:00Z');
    await emitter().emitDue();
    expect(await tookEffect('offices.closure', '2026-11-30')).toEqual([]);
    expect((await tookEffect('myna.holding-status', '2026-11-30')).map((event) => event.versionId)).toEqual([kept.id]);
  });

  it('catches up on start the days that began while no instance was running', async () => {
    clock.runFrom('2026-11-30T01:00:00Z');
    const first = await publish('myna.overview', '2026-12-01', '12月1日からの概要');
    const second = await publish('contact', '2026-12-02', '12月2日からの窓口');
    clock.freezeAt('2026-11-30T14:00:00Z'); // 23:00 in Tokyo: stopped before midnight
    await t.close();

    clock.freezeAt('2026-12-01T16:00:00Z'); // 01:00 on 2026-12-02 in Tokyo: two midnights went by
    const client = new Client({ connectionString: currentDatabase().url });
    await client.connect();
    try {
      const missed = await client.query(`SELECT 1 FROM change_event WHERE type = 'TOOK_EFFECT' AND day >= '2026-12-01'`);
      expect(missed.rows).toEqual([]);
    } finally {
      await client.end();
    }
    t = await startTestApp({ demoData: true, clock, env: ENV });
    await t.ensureDemoUsers();
    expect((await tookEffect('myna.overview', '2026-12-01')).map((event) => event.versionId)).toEqual([first.id]);
    expect((await tookEffect('contact', '2026-12-02')).map((event) => event.versionId)).toEqual([second.id]);
    expect(await t.sql(`SELECT took_effect_through::text AS through FROM change_feed_progress`)).toEqual([{ through: '2026-12-02' }]);
  });

  it('announces a correction of days already begun as PUBLISHED with retroactive: true', async () => {
    clock.runFrom('2026-12-02T01:00:00Z');
    const after = (await wholeFeed()).at(-1)!.cursor;
    const version = await publish('myna.overseas', '2026-11-15', '訂正した案内', '案内文の誤記');
    expect((await changeFeed({ after })).events).toEqual([
      expect.objectContaining({ type: 'PUBLISHED', policyKey: 'myna.overseas', versionId: version.id, effectiveFrom: '2026-11-15', retroactive: true }),
    ]);
  });

  it('announces nothing, and queues no webhook delivery, for a publish that rolled back', async () => {
    clock.runFrom('2026-12-02T02:00:00Z');
    const [subscription] = await t.sql(
      `INSERT INTO webhook_subscription (url, event_types, secret) VALUES ('https://example.invalid/hook', ARRAY['PUBLISHED', 'WITHDRAWN', 'TOOK_EFFECT'], 'whsec_dGVzdA==') RETURNING id`,
    );
    const deliveries = async () =>
      (await t.sql(`SELECT e.version_id AS "versionId" FROM webhook_delivery d JOIN change_event e ON e.seq = d.event_seq WHERE d.subscription_id = $1`, [subscription.id])).map(
        (row) => row.versionId,
      );
    // A publish that commits is announced and queued for the subscription...
    const committed = await publish('contact', '2026-12-10', '12月10日からの窓口');
    expect(await deliveries()).toEqual([committed.id]);

    // ...one whose transaction rolls back after the status changed is neither.
    const wf = workflow(t);
    const created = dataOf(
      await wf.create({ policyKey: 'offices.closure', effectiveFrom: '2026-12-11', content: { title: '休止', body: '取り消される公開' }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    const after = (await wholeFeed()).at(-1)!.cursor;
    await t.sql('BEGIN');
    try {
      await t.sql(`UPDATE policy_version SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = now() WHERE id = $1`, [created.id]);
      // Written in the transaction, as it would have been announced had it committed.
      expect(await t.sql(`SELECT type FROM change_event WHERE version_id = $1`, [created.id])).toEqual([{ type: 'PUBLISHED' }]);
    } finally {
      await t.sql('ROLLBACK');
    }
    expect((await changeFeed({ after })).events).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM change_event WHERE version_id = $1`, [created.id])).toEqual([]);
    expect(await deliveries()).toEqual([committed.id]);
  });

  it.each([
    ['2025-09-01', '2025-08-31'],
    ['2025-03-24', '2025-03-23'],
  ])('writes for %s one TOOK_EFFECT per policy whose rule in force differs from the day before (demo data)', async (day, dayBefore) => {
    const rules = async (on: string): Promise<Map<string, { id: string; number: number; effectiveFrom: string; effectiveThrough: string | null; recordedAt: string }>> =>
      new Map(
        dataOf(await t.gql(`query($on: Date) { rulesInForce(on: $on) { ${VERSION_FIELDS} } }`, { on })).rulesInForce.map((rule: any) => [rule.policyKey, rule]),
      );
    const [before, on] = [await rules(dayBefore), await rules(day)];
    const changed = [...new Set([...before.keys(), ...on.keys()])].filter((key) => before.get(key)?.id !== on.get(key)?.id).sort();
    expect(changed.length).toBeGreaterThan(0);

    await t.sql(`SELECT change_feed_took_effect($1::date)`, [day]);
    const events = (await wholeFeed({ types: ['TOOK_EFFECT'] })).filter((event) => event.day === day);
    expect(events.map((event) => event.policyKey).sort()).toEqual(changed);
    for (const event of events) {
      const rule = on.get(event.policyKey);
      expect({ key: event.policyKey, versionId: event.versionId, versionNumber: event.versionNumber, effectiveFrom: event.effectiveFrom, effectiveThrough: event.effectiveThrough }).toEqual({
        key: event.policyKey,
        versionId: rule?.id ?? null,
        versionNumber: rule?.number ?? null,
        effectiveFrom: rule?.effectiveFrom ?? null,
        effectiveThrough: rule?.effectiveThrough ?? null,
      });
    }
  });

  describe('paging', () => {
    it('walks the whole feed in commit order, with no gap and no repeat, in GraphQL and over HTTP', async () => {
      const rows = await t.sql(`SELECT e.seq::text AS seq, e.id::text AS id FROM change_event e ORDER BY e.seq`);
      expect(rows.length).toBeGreaterThan(20);

      const viaGraphQL: FeedEvent[] = [];
      let after: string | null = null;
      for (let pages = 0; ; pages++) {
        const page: FeedPage = await changeFeed({ after, first: 7 });
        viaGraphQL.push(...page.events);
        expect(page.events.length).toBe(page.hasNextPage ? 7 : page.events.length);
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(viaGraphQL.map((event) => event.id)).toEqual(rows.map((row) => row.id));
      expect(viaGraphQL.map((event) => event.cursor)).toEqual(rows.map((row) => row.seq));

      const viaHttp: FeedEvent[] = [];
      let path = '/v1/changes?limit=9';
      for (;;) {
        const answer = await get(path);
        expect(answer.status).toBe(200);
        viaHttp.push(...answer.json.events);
        if (!answer.json.hasNextPage) {
          // The last page may still grow: caches must ask again.
          expect(answer.headers['cache-control']).toBe('public, no-cache');
          break;
        }
        // A full page never changes.
        expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        path = `/v1/changes?limit=9&after=${answer.json.endCursor}`;
      }
      expect(viaHttp).toEqual(viaGraphQL);
      // Past the end: an empty page that keeps the cursor.
      const end = viaHttp.at(-1)!.cursor;
      expect((await get(`/v1/changes?after=${end}`)).json).toEqual({ events: [], endCursor: null, hasNextPage: false });
    });

    it('filters by policy and by type', async () => {
      const all = await wholeFeed();
      expect(await wholeFeed({ policyKey: 'contact' })).toEqual(all.filter((event) => event.policyKey === 'contact'));
      expect(await wholeFeed({ types: ['WITHDRAWN', 'TOOK_EFFECT'] })).toEqual(all.filter((event) => event.type !== 'PUBLISHED'));
      expect(await wholeFeed({ policyKey: 'no.such-policy' })).toEqual([]);
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const first = await get('/v1/changes?limit=3');
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
      const again = await get('/v1/changes?limit=3', { 'if-none-match': first.headers.etag });
      expect(again.status).toBe(304);
      expect(again.json).toBeUndefined();
    });

    it.each([
      [{ after: 'abc' }, 'after'],
      [{ after: '-1' }, 'after'],
      [{ after: '1.5' }, 'after'],
      [{ first: 0 }, 'first'],
      [{ first: 1001 }, 'first'],
      [{ types: [] }, 'types'],
    ])('refuses %j as BAD_USER_INPUT on %s in GraphQL', async (variables, field) => {
      const error = errorOf(
        await t.gql(`query($after: String, $first: Int, $types: [ChangeEventType!]) { changeFeed(after: $after, first: $first, types: $types) { events { ${EVENT_FIELDS} } } }`, variables),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it.each([
      ['after=abc', 'after'],
      ['after=1&after=2', 'after'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['first=5', 'first'],
    ])('refuses /v1/changes?%s as 400 BAD_USER_INPUT on %s', async (query, field) => {
      const answer = await get(`/v1/changes?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
  });
});
