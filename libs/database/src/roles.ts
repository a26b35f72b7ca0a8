import { Client, escapeLiteral } from 'pg';
import { quoteIdentifier } from './quote';

/** The NOLOGIN group role holding exactly the API's rights (migration 1795766400005 grants them). */
export const RUNTIME_ROLE = 'policy_cms_runtime';

/** The login role the API uses on the embedded server: a member of RUNTIME_ROLE that owns nothing. */
export const EMBEDDED_APP_ROLE = 'policy_cms_app';

// Any fixed key works: it serialises role changes from concurrent runs that share one maintenance database.
const ROLE_LOCK = 7_356_120_001;

/**
 * Creates (if missing) the runtime group role and a LOGIN member of it with the given password, as a superuser on
 * `adminUrl`. Roles are cluster-wide and several processes may do this at once (test runs on one server): a creator
 * that loses the race carries on, and an advisory lock keeps two ALTER ROLEs from colliding.
 */
export async function ensureRuntimeLogin(adminUrl: string, login: { name: string; password: string }): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [ROLE_LOCK]);
    for (const [role, attributes] of [
      [RUNTIME_ROLE, 'NOLOGIN'],
      [login.name, 'LOGIN'],
    ]) {
      await client.query(`
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${escapeLiteral(role)}) THEN
            CREATE ROLE ${quoteIdentifier(role)} ${attributes};
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL; -- created meanwhile by a process that did not take the lock (a migration)
        END
        $$`);
    }
    await client.query(
      `ALTER ROLE ${quoteIdentifier(login.name)} WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS ` +
        `PASSWORD ${escapeLiteral(login.password)}`,
    );
    await client.query(`GRANT ${quoteIdentifier(RUNTIME_ROLE)} TO ${quoteIdentifier(login.name)}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The same server and database as `url`, reached as another role. */
export function urlAsRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export interface RuntimeRoleCheck {
  role: string;
  /** Why this role could switch the trail's protection off; empty when it is a plain runtime role. */
  problems: string[];
}

/**
 * What the API's own role could do that it should not: a superuser or an owner of the tables can disable triggers.
 * Run once at start, so a deployment with one role for everything is told, once, what it gives up.
 */
export async function checkRuntimeRole(url: string): Promise<RuntimeRoleCheck> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const {
      rows: [row],
    } = await client.query<{ role: string; superuser: boolean; owned: string[]; member: boolean }>(`
      SELECT current_user AS role,
             r.rolsuper AS superuser,
             coalesce(array_agg(c.relname::text ORDER BY c.relname) FILTER (WHERE c.oid IS NOT NULL), '{}') AS owned,
             pg_has_role(current_user, '${RUNTIME_ROLE}', 'MEMBER') AS member
        FROM pg_roles r
        LEFT JOIN pg_class c ON c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
                             AND pg_has_role(current_user, c.relowner, 'USAGE')
       WHERE r.rolname = current_user
       GROUP BY r.rolname, r.rolsuper`);
    const problems = [
      ...(row.superuser ? ['it is a superuser'] : []),
      ...(row.owned.length ? [`it owns ${row.owned.join(', ')}`] : []),
      ...(row.member ? [] : [`it is not a member of ${RUNTIME_ROLE}`]),
    ];
    return { role: row.role, problems };
  } finally {
    await client.end();
  }
}
