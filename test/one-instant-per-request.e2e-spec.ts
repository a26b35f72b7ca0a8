import type { Clock } from '@policy-cms/temporal';
import { startTestApp, type TestApp } from './support/test-app';
import { workflow } from './support/workflow-api';

/**
 * Every field of one GraphQL document answers from one state of the record. Each public read takes "now" when it
 * has none given; if each field took the clock's now for itself, a publish recorded between two fields' instants
 * would show in one field and not in the other (the read-model instances test caught one such answer, once, under
 * load). Here the clock is scripted so that "now" jumps over a publish after the n-th time anything asks it, for
 * every n across a whole request: whichever call the jump falls on, the fields of an answer agree.
 */
const KEY = 'contact';
const ON = '2099-06-01';
const PUBLISHED_AT = '2026-12-01T00:00:10.000Z';
const BEFORE = new Date(Date.parse(PUBLISHED_AT) - 5_000);
const AFTER = new Date(Date.parse(PUBLISHED_AT) + 5_000);
/** More than the clock calls of one request (the edge, the token check, the fields): found below, and checked. */
const SWEEP = 40;

/** A clock that stands at one instant, or stands at `before` for the next n calls and at `after` from then on. */
function scriptedClock(start: string): Clock & { standAt(instant: string): void; jumpAfter(calls: number, before: Date, after: Date): void; calls(): number } {
  let script = { before: new Date(start), after: new Date(start), remaining: 0 };
  let calls = 0;
  return {
    now() {
      calls++;
      if (script.remaining > 0) {
        script.remaining--;
        return new Date(script.before);
      }
      return new Date(script.after);
    },
    standAt(instant) {
      script = { before: new Date(instant), after: new Date(instant), remaining: 0 };
    },
    jumpAfter(remaining, before, after) {
      script = { before, after, remaining };
    },
    calls: () => calls,
  };
}

const FOUR_READS = `query($key: ID!, $on: Date) {
  rulesInForce(on: $on) { id policyKey }
  policyInForce(key: $key, on: $on) { id }
  policyTimeline(key: $key) { id effectiveFrom }
  policyLedger(key: $key) { id recordedAt supersededAt version { id supersededAt } } }`;

describe('one instant per request: the fields of a document answer from one state of the record', () => {
  const clock = scriptedClock('2026-12-01T00:00:00.000Z');
  let t: TestApp;
  let published: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, demoData: true });
    const flow = workflow(t);
    clock.standAt('2026-12-01T00:00:01.000Z');
    const { data } = await flow.create({ policyKey: KEY, effectiveFrom: '2099-01-01', content: { title: '問い合わせ先', body: '一瞬の公開(テスト)' }, summary: 'one instant test' }, 'editor');
    published = data!.createPolicyVersion.id;
    clock.standAt('2026-12-01T00:00:02.000Z');
    await flow.submit(published, 'editor');
    clock.standAt('2026-12-01T00:00:03.000Z');
    await flow.approve(published, 'approver');
    clock.standAt(PUBLISHED_AT);
    expect((await flow.publish(published, 'approver')).errors).toBeUndefined();
    clock.standAt(AFTER.toISOString());
  }, 60_000);

  afterAll(() => t?.close());

  /** Which state each field shows: the new version in it, or not. */
  function statesOf(data: Record<string, any>) {
    return {
      rulesInForce: data.rulesInForce.some((rule: { id: string; policyKey: string }) => rule.policyKey === KEY && rule.id === published),
      policyInForce: data.policyInForce?.id === published,
      policyTimeline: data.policyTimeline.some((segment: { id: string }) => segment.id === published),
      policyLedger: data.policyLedger.some((row: { version: { id: string } }) => row.version.id === published),
      // The row the publish closed: still the record (no supersededAt) in the state before it.
      ledgerClosedByPublish: data.policyLedger.some(
        (row: { supersededAt: string | null; version: { supersededAt: string | null } }) =>
          row.supersededAt === PUBLISHED_AT && row.version.supersededAt === PUBLISHED_AT,
      ),
    };
  }

  it.each([
    ['anonymous (the public reads, through the response cache)', undefined],
    ['signed in (not cached)', 'editor' as const],
  ])('agrees across fields wherever the clock jumps over a publish: %s', async (_label, as) => {
    const seen = new Set<boolean>();
    for (let calls = 0; calls <= SWEEP; calls++) {
      // Several documents, so that both Apollo and the edge's own execution answer: a comment makes each text new.
      for (const query of [FOUR_READS, `${FOUR_READS} # jump after ${calls} calls`]) {
        clock.standAt(AFTER.toISOString());
        clock.jumpAfter(calls, BEFORE, AFTER);
        const before = clock.calls();
        const { data, errors } = await t.gql(query, { key: KEY, on: ON }, { as });
        const asked = clock.calls() - before;
        expect(errors).toBeUndefined();
        const states = statesOf(data!);
        const showsNew = states.policyInForce;
        expect({ calls, states }).toEqual({ calls, states: {
            rulesInForce: showsNew,
            policyInForce: showsNew,
            policyTimeline: showsNew,
            policyLedger: showsNew,
            ledgerClosedByPublish: showsNew,
          },
        });
        seen.add(showsNew);
        // The sweep reaches past every call a request makes: the last jumps fall after the request.
        if (calls === SWEEP) expect(asked).toBeLessThan(SWEEP);
      }
    }
    // Both states were answered: the jump did fall inside requests, before and after their reads.
    expect(seen).toEqual(new Set([true, false]));
  });
});
