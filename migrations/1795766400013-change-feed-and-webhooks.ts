import { MigrationInterface, QueryRunner } from 'typeorm';

/** LEDGER_WRITE_LOCK of libs/policy ('ledger' in ASCII), fixed here: a migration never changes with the code. */
const LEDGER_WRITE_LOCK_KEY = 0x6c6564676572;
const EVENT_TYPES = `ARRAY['PUBLISHED', 'WITHDRAWN', 'TOOK_EFFECT']::text[]`;

/**
 * Delivery to downstream services: the change feed and the webhook outbox, kept by PostgreSQL itself.
 *
 * - `change_event` is the public change feed, append-only. Its order (`seq`, the cursor) is its commit order: every
 *   insert takes the ledger write lock first and only then draws its number, so an event never becomes visible after
 *   a later one, and a consumer that resumes after cursor n misses nothing.
 * - `PUBLISHED` and `WITHDRAWN` are written by a trigger on `policy_version`, in the transaction that changes the
 *   version's status: nothing is announced that did not commit, nothing committed that is not announced.
 * - `TOOK_EFFECT` for day D is written by `change_feed_took_effect(D)`: one event per policy whose version in force on D
 *   (as the ledger now stands) differs from D−1's, at most once per policy and day (a unique index).
 *   `change_feed_progress` holds the last day done; instances take its row `FOR UPDATE SKIP LOCKED` as their lease.
 * - Each event is fanned out, in the same transaction, to one `webhook_delivery` per active subscription that wants it
 *   (the transactional outbox), and announced with `NOTIFY policy_cms_changes` (payload: seq) on commit.
 * The API's role may read the feed and run the emitter, never write or edit events itself.
 */
export class ChangeFeedAndWebhooks1795766400013 implements MigrationInterface {
  name = 'ChangeFeedAndWebhooks1795766400013';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ schema }] = await queryRunner.query(`SELECT current_schema() AS schema`);
    const searchPath = `SET search_path = "${String(schema).replace(/"/g, '""')}", pg_temp`;

    await queryRunner.query(`CREATE SEQUENCE change_event_seq AS bigint`);
    await queryRunner.query(`
      CREATE TABLE change_event (
        seq             bigint PRIMARY KEY,
        id              uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        type            text NOT NULL CONSTRAINT change_event_type_known CHECK (type = ANY (${EVENT_TYPES})),
        policy_id       bigint NOT NULL REFERENCES policy (id),
        policy_key      text NOT NULL,
        -- The version concerned; for TOOK_EFFECT the one in force from the day on, null when nothing is.
        version_id      uuid REFERENCES policy_version (id),
        version_number  integer,
        -- PUBLISHED, WITHDRAWN: the version's own range; TOOK_EFFECT: the ledger segment in force from the day on.
        effective       daterange,
        -- The record instant of the change (PUBLISHED, WITHDRAWN) or of the segment now in force (TOOK_EFFECT).
        recorded_at     timestamptz NOT NULL,
        retroactive     boolean,
        day             date,
        emitted_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT change_event_day_only_took_effect CHECK ((type = 'TOOK_EFFECT') = (day IS NOT NULL)),
        CONSTRAINT change_event_retroactive_only_published CHECK ((type = 'PUBLISHED') = (retroactive IS NOT NULL)),
        CONSTRAINT change_event_names_version CHECK (type = 'TOOK_EFFECT' OR version_id IS NOT NULL),
        CONSTRAINT change_event_version_whole
          CHECK ((version_id IS NULL) = (version_number IS NULL) AND (version_id IS NULL) = (effective IS NULL))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX change_event_took_effect_once ON change_event (policy_id, day) WHERE type = 'TOOK_EFFECT'`);
    await queryRunner.query(`CREATE INDEX change_event_policy ON change_event (policy_key, seq)`);

    // The number is drawn under the ledger write lock (held to commit), so numbers are handed out in commit order.
    await queryRunner.query(`
      CREATE FUNCTION change_event_number() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER ${searchPath} AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${LEDGER_WRITE_LOCK_KEY});
        NEW.seq := nextval('change_event_seq');
        NEW.emitted_at := clock_timestamp();
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER change_event_number BEFORE INSERT ON change_event
        FOR EACH ROW EXECUTE FUNCTION change_event_number()`);
    await queryRunner.query(`
      CREATE FUNCTION change_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the change feed is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER change_event_append_only BEFORE UPDATE OR DELETE ON change_event
        FOR EACH ROW EXECUTE FUNCTION change_event_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER change_event_no_truncate BEFORE TRUNCATE ON change_event
        FOR EACH STATEMENT EXECUTE FUNCTION change_event_append_only()`);

    // PUBLISHED and WITHDRAWN, written with the status change that causes them.
    await queryRunner.query(`
      CREATE FUNCTION policy_version_announce() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER ${searchPath} AS $$
      BEGIN
        INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
        SELECT NEW.status, NEW.policy_id, p.key, NEW.id, NEW.number, NEW.effective,
               CASE NEW.status WHEN 'PUBLISHED' THEN NEW.published_at ELSE NEW.withdrawn_at END,
               CASE NEW.status WHEN 'PUBLISHED'
                 THEN lower(NEW.effective) < (NEW.published_at AT TIME ZONE 'Asia/Tokyo')::date END
          FROM policy p WHERE p.id = NEW.policy_id;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER policy_version_announce_update AFTER UPDATE OF status ON policy_version
        FOR EACH ROW WHEN (NEW.status IN ('PUBLISHED', 'WITHDRAWN') AND OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION policy_version_announce()`);
    await queryRunner.query(`
      CREATE TRIGGER policy_version_announce_insert AFTER INSERT ON policy_version
        FOR EACH ROW WHEN (NEW.status IN ('PUBLISHED', 'WITHDRAWN'))
        EXECUTE FUNCTION policy_version_announce()`);

    await queryRunner.query(`
      CREATE TABLE change_feed_progress (
        singleton            boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        -- The last Tokyo day whose TOOK_EFFECT events are written; null until an instance first starts.
        took_effect_through  date
      )`);
    await queryRunner.query(`INSERT INTO change_feed_progress (took_effect_through) VALUES (NULL)`);
    // The day's candidates: current segments starting or ending that day (read under the ledger lock, once a day).
    await queryRunner.query(`CREATE INDEX ledger_segment_current_from ON ledger_segment (lower(effective)) WHERE upper_inf(recorded)`);
    await queryRunner.query(`CREATE INDEX ledger_segment_current_until ON ledger_segment (upper(effective)) WHERE upper_inf(recorded)`);

    // TOOK_EFFECT for one day, as the ledger now stands. Only policies with a current segment starting or ending at
    // the day can differ from the day before; each is compared and written at most once (the unique index).
    await queryRunner.query(`
      CREATE FUNCTION change_feed_took_effect(d date) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER ${searchPath} AS $$
      DECLARE
        written integer;
      BEGIN
        -- The versions starting that day are named by the events (a foreign key: KEY SHARE on each row). Take those
        -- row locks before the ledger lock, in the order a writer does (row, then ledger lock): a withdrawal of one
        -- of them at midnight then waits for this, or this for it, instead of the two deadlocking.
        PERFORM 1 FROM policy_version
          WHERE id IN (SELECT version_id FROM ledger_segment WHERE upper_inf(recorded) AND lower(effective) = d)
          ORDER BY id FOR KEY SHARE;
        PERFORM pg_advisory_xact_lock(${LEDGER_WRITE_LOCK_KEY});
        INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, day)
        SELECT 'TOOK_EFFECT', p.id, p.key, today.version_id, v.number, today.effective,
               coalesce(lower(today.recorded), lower(yesterday.recorded)), d
          FROM (SELECT policy_id FROM ledger_segment WHERE upper_inf(recorded) AND lower(effective) = d
                UNION
                SELECT policy_id FROM ledger_segment WHERE upper_inf(recorded) AND upper(effective) = d) AS candidate
          JOIN policy p ON p.id = candidate.policy_id
          LEFT JOIN LATERAL (SELECT s.version_id, s.effective, s.recorded FROM ledger_segment s
                              WHERE s.policy_id = p.id AND upper_inf(s.recorded) AND s.effective @> d) AS today ON true
          LEFT JOIN LATERAL (SELECT s.version_id, s.recorded FROM ledger_segment s
                              WHERE s.policy_id = p.id AND upper_inf(s.recorded) AND s.effective @> (d - 1)) AS yesterday
                 ON true
          LEFT JOIN policy_version v ON v.id = today.version_id
         WHERE today.version_id IS DISTINCT FROM yesterday.version_id
         ORDER BY p.key
            ON CONFLICT (policy_id, day) WHERE type = 'TOOK_EFFECT' DO NOTHING;
        GET DIAGNOSTICS written = ROW_COUNT;
        RETURN written;
      END
      $$`);

    await queryRunner.query(`
      CREATE TABLE webhook_subscription (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url                text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2048),
        description        text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
        event_types        text[] NOT NULL
                             CHECK (cardinality(event_types) > 0 AND event_types <@ ${EVENT_TYPES}),
        -- null: every policy.
        policy_keys        text[] CHECK (policy_keys IS NULL OR cardinality(policy_keys) BETWEEN 1 AND 200),
        active             boolean NOT NULL DEFAULT true,
        -- 'whsec_' + base64 of the key. The previous secret still signs until it expires (rotation grace).
        secret             text NOT NULL,
        previous_secret    text,
        previous_secret_expires_at timestamptz,
        -- Since when every delivery has failed (null: the last one succeeded); the reason it was disabled, if it was.
        failing_since      timestamptz,
        disabled_reason    text,
        created_by         uuid,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        deleted_at         timestamptz,
        CONSTRAINT webhook_subscription_grace_whole
          CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery (
        -- Sent as webhook-id: the same on every attempt, so that receivers can drop repeats.
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_seq        bigint NOT NULL REFERENCES change_event (seq),
        subscription_id  uuid NOT NULL REFERENCES webhook_subscription (id),
        status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        -- A worker's claim: another instance takes the delivery only after the lease ran out.
        lease_until      timestamptz,
        last_status_code integer,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        completed_at     timestamptz,
        UNIQUE (event_seq, subscription_id)
      )`);
    await queryRunner.query(`
      CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at)`);
    // The calls a subscription has in flight across instances (a receiver that hangs may hold only its share of slots).
    await queryRunner.query(`
      CREATE INDEX webhook_delivery_leased ON webhook_delivery (subscription_id) WHERE status = 'PENDING' AND lease_until IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE webhook_attempt (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id       uuid NOT NULL REFERENCES webhook_delivery (id),
        attempted_at      timestamptz NOT NULL,
        duration_ms       integer NOT NULL CHECK (duration_ms >= 0),
        -- null when no HTTP answer came (refused address, DNS, connection, timeout): then error says why.
        status_code       integer,
        error             text CHECK (length(error) <= 1000),
        response_excerpt  text CHECK (length(response_excerpt) <= 1024)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, id)`);

    // The outbox and the announcement, in the transaction that writes the event.
    await queryRunner.query(`
      CREATE FUNCTION change_event_fan_out() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER ${searchPath} AS $$
      BEGIN
        INSERT INTO webhook_delivery (event_seq, subscription_id)
        SELECT NEW.seq, s.id FROM webhook_subscription s
         WHERE s.active AND s.deleted_at IS NULL AND NEW.type = ANY (s.event_types)
           AND (s.policy_keys IS NULL OR NEW.policy_key = ANY (s.policy_keys));
        IF FOUND THEN
          PERFORM pg_notify('policy_cms_webhooks', '');
        END IF;
        PERFORM pg_notify('policy_cms_changes', NEW.seq::text);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER change_event_fan_out AFTER INSERT ON change_event
        FOR EACH ROW EXECUTE FUNCTION change_event_fan_out()`);

    await queryRunner.query(`REVOKE ALL ON FUNCTION change_feed_took_effect(date) FROM PUBLIC`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'policy_cms_runtime') THEN
          GRANT SELECT ON change_event TO policy_cms_runtime;
          GRANT SELECT, UPDATE ON change_feed_progress TO policy_cms_runtime;
          GRANT EXECUTE ON FUNCTION change_feed_took_effect(date) TO policy_cms_runtime;
          GRANT SELECT, INSERT, UPDATE ON webhook_subscription TO policy_cms_runtime;
          GRANT SELECT, UPDATE ON webhook_delivery TO policy_cms_runtime;
          GRANT SELECT, INSERT ON webhook_attempt TO policy_cms_runtime;
          EXECUTE format('GRANT USAGE ON SEQUENCE %s TO policy_cms_runtime', pg_get_serial_sequence('webhook_attempt', 'id'));
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_attempt`);
    await queryRunner.query(`DROP TABLE webhook_delivery`);
    await queryRunner.query(`DROP TABLE webhook_subscription`);
    await queryRunner.query(`DROP FUNCTION change_feed_took_effect(date)`);
    await queryRunner.query(`DROP INDEX ledger_segment_current_until`);
    await queryRunner.query(`DROP INDEX ledger_segment_current_from`);
    await queryRunner.query(`DROP TABLE change_feed_progress`);
    await queryRunner.query(`DROP TRIGGER policy_version_announce_insert ON policy_version`);
    await queryRunner.query(`DROP TRIGGER policy_version_announce_update ON policy_version`);
    await queryRunner.query(`DROP FUNCTION policy_version_announce()`);
    await queryRunner.query(`DROP TABLE change_event`);
    await queryRunner.query(`DROP FUNCTION change_event_fan_out()`);
    await queryRunner.query(`DROP FUNCTION change_event_append_only()`);
    await queryRunner.query(`DROP FUNCTION change_event_number()`);
    await queryRunner.query(`DROP SEQUENCE change_event_seq`);
  }
}
