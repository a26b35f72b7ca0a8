import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface TimeZoneRun {
  zone: string;
  /** Date#getTimezoneOffset in the child for 2025-08-01, proving the zone really took effect. */
  offsetMinutes: number;
  outputs: unknown[];
}

// Jest hands each test file a copy of process.env, so setting TZ inside a spec never reaches Node's clock; a child
// process with TZ in its real environment is the only honest way to show a function ignores the process's zone.
const CHILD = `
const fs = require('node:fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, swcrc: false, module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  });
  module._compile(code, filename);
};
const { zones, modulePath, evaluate, inputs } = JSON.parse(process.argv[1]);
const fn = eval(evaluate);
const runs = zones.map((zone) => {
  process.env.TZ = zone;
  // Fresh modules per zone, so formatters built at load time are built under this zone too.
  for (const key of Object.keys(require.cache)) if (key.endsWith('.ts')) delete require.cache[key];
  const m = require(modulePath);
  const offsetMinutes = new Date('2025-08-01T00:00:00Z').getTimezoneOffset();
  return { zone, offsetMinutes, outputs: inputs.map((i) => fn(m, i)) };
});
process.stdout.write(JSON.stringify(runs));
`;

const REPO_ROOT = resolve(__dirname, '../../..');

/** Loads a module of this lib in a child Node process under each zone and applies `evaluate` (JS) to each input. */
export function evaluateInTimeZones(options: {
  zones: readonly string[];
  module: string;
  evaluate: string;
  inputs: readonly unknown[];
}): TimeZoneRun[] {
  const payload = JSON.stringify({
    zones: options.zones,
    modulePath: resolve(__dirname, options.module),
    evaluate: options.evaluate,
    inputs: options.inputs,
  });
  const env = { ...process.env };
  delete env.TZ;
  const stdout = execFileSync(process.execPath, ['-e', CHILD, payload], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  return JSON.parse(stdout) as TimeZoneRun[];
}

/** Date#getTimezoneOffset on 2025-08-01 in each zone the specs use, to prove the zone took effect. */
export const PROBE_ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  'America/Los_Angeles': 420,
  'Pacific/Kiritimati': -840,
  'Etc/GMT+12': 720,
  'Asia/Tokyo': -540,
};
