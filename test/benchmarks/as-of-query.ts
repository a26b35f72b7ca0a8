/**
 * The as-of lookup behind `policyInForce`, as every reference of the benchmark runs it (raw SQL and the hand-written
 * server): $1 key, $2 day (null: today in Tokyo), $3 knownAt (null: now).
 */
export const AS_OF = `
  SELECT v.id, p.key AS "policyKey", v.number, lower(s.effective)::text AS "effectiveFrom",
         (upper(s.effective) - 1)::text AS "effectiveThrough", v.content, v.summary
    FROM policy p
    JOIN ledger_segment s ON s.policy_id = p.id
    JOIN policy_version v ON v.id = s.version_id
   WHERE p.key = $1
     AND s.effective @> coalesce($2::date, (now() AT TIME ZONE 'Asia/Tokyo')::date)
     AND s.recorded @> coalesce($3::timestamptz, now())`;
