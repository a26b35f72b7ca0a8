import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** Every API process a test file started and that has not exited: killed when the test worker exits, whatever happened. */
const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts the real API entry point (apps/api/src/main.ts) as `npm start` would, in its own process, and waits for
 * it to print its URLs. Used to test what only a whole process shows: the embedded server's life cycle.
 */
export async function startApiProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ApiProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn', TS_NODE_SWC: 'true', TS_NODE_BASEURL: '.', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.add(child);
  child.on('exit', () => started.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const baseUrl = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      // Never leave it behind: a process still starting would keep the test run alive after it ended.
      child.kill('SIGKILL');
      fail(new Error(`the API did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const match = /GraphQL API: (http:\/\/[^/\s]+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the API exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output, exited };
}
