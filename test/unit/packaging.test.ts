import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_KEYS, loadConfig } from '../../src/app/config.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const ci = read('.ci/run');

/** The Dockerfile's instructions, continuation lines joined. */
function instructions(text: string): { op: string; args: string }[] {
  const joined = text.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .filter((l) => /^[A-Z]+\s/.test(l))
    .map((l) => ({ op: l.slice(0, l.indexOf(' ')), args: l.slice(l.indexOf(' ') + 1).trim() }));
}

const docker = instructions(read('Dockerfile'));
const all = (op: string) => docker.filter((i) => i.op === op).map((i) => i.args);
const env: Record<string, string> = Object.fromEntries(
  all('ENV').flatMap((args) =>
    [...args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  ),
);

describe('Dockerfile', () => {
  it('is multi-stage and runs CI`s install and start commands, production dependencies only', () => {
    expect(all('FROM').length).toBeGreaterThanOrEqual(2);
    expect(all('RUN').some((r) => r.includes('npm ci --omit=dev'))).toBe(true);
    expect(ci).toContain('npm ci');
    expect(all('CMD')).toEqual(['["npm", "start"]']);
    expect(pkg.scripts.start).toBe('node bin/herald.js start');
  });

  it('runs as a user that is not root, with a volume on the data folder', () => {
    expect(all('USER')).toEqual(['node']);
    expect(all('VOLUME')).toEqual([`["${env.HERALD_DATA_DIR}"]`]);
  });

  it('checks /readyz on the port Herald listens on, which it exposes', () => {
    const health = all('HEALTHCHECK')[0] ?? '';
    expect(health).toContain(`http://127.0.0.1:${env.HTTP_PORT}/readyz`);
    expect(all('EXPOSE')).toEqual([env.HTTP_PORT]);
    expect(env.HTTP_HOST).toBe('0.0.0.0');
  });

  it('copies folders that exist and sets only keys Herald reads, to valid values', () => {
    for (const args of all('COPY').filter((a) => !a.startsWith('--from'))) {
      for (const path of args.split(' ').slice(0, -1)) expect(existsSync(path), path).toBe(true);
    }
    const keys = Object.keys(env).filter((k) => k !== 'NODE_ENV');
    for (const key of keys) expect(CONFIG_KEYS, key).toContain(key);
    expect(() => loadConfig(env)).not.toThrow();
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<string, Record<string, unknown>>;
  };
  const herald = compose.services.herald ?? {};
  const environment = herald.environment as Record<string, string>;

  it('points Herald at the PostgreSQL service, and maps the port it listens on', () => {
    const db = new URL(environment.DATABASE_URL ?? '');
    expect(Object.keys(compose.services)).toContain(db.hostname);
    const pg = compose.services[db.hostname]?.environment as Record<string, string>;
    expect(db.username).toBe(pg.POSTGRES_USER);
    expect(db.pathname).toBe(`/${pg.POSTGRES_DB}`);
    expect((herald.ports as string[])[0]?.endsWith(`:${environment.HTTP_PORT}`)).toBe(true);
    expect(loadConfig(environment).database.kind).toBe('postgres');
  });

  it('keeps the data folder on a volume', () => {
    expect(herald.volumes as string[]).toContain(`herald-data:${env.HERALD_DATA_DIR}`);
  });
});

describe('systemd unit', () => {
  const unit = read('deploy/herald.service');
  it('starts with npm start and sets only keys Herald reads', () => {
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/npm start$/m);
    const set = [...unit.matchAll(/^Environment=(\w+)=(.*)$/gm)];
    const vars = Object.fromEntries(set.map((m) => [m[1] ?? '', m[2] ?? '']));
    for (const key of Object.keys(vars).filter((k) => k !== 'NODE_ENV')) {
      expect(CONFIG_KEYS, key).toContain(key);
    }
    expect(unit).toContain(`ReadWritePaths=${vars.HERALD_DATA_DIR}`);
    expect(() => loadConfig(vars)).not.toThrow();
  });
});
