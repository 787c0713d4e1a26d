import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * No Docker engine runs where the tests run, so docker-compose.yml and the Dockerfile are checked for
 * what each service needs instead: a file that parses is not enough, a service that points at a
 * missing entry point or an undefined service would fail only on a user's machine.
 */
const root = join(__dirname, '../..');

interface ComposeService {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

/** `apps/api/dist/main.js` is built from `apps/api/src/main.ts`; scripts are run as they are. */
function sourceOf(entry: string): string {
  return entry.replace(/^(apps|libs)\/([^/]+)\/dist\/(.+)\.js$/, '$1/$2/src/$3.ts');
}

describe('docker-compose.yml', () => {
  const services = compose.services;

  it('has the platform and what it needs', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'mailpit', 'migrate', 'postgres', 'redis', 'worker']);
  });

  it.each(['api', 'worker', 'migrate'])('%s is built from this repository, runs an entry point that exists, and is configured', (name) => {
    const service = services[name]!;
    expect(service.build).toBe('.');
    const [runtime, entry] = service.command ?? [];
    expect(runtime).toBe('node');
    expect(existsSync(join(root, sourceOf(entry!)))).toBe(true);
    expect(Object.keys(service.environment ?? {})).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'PROVOD_SECRET_KEY', 'NODE_ENV']));
    expect(service.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
  });

  it('depends only on services it defines, waiting for them to be healthy or done', () => {
    for (const service of Object.values(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency]).toBeDefined();
        expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect(services[dependency]!.healthcheck?.test).toBeDefined();
      }
    }
  });

  it('keeps data in named volumes it declares, and Redis persistent without eviction', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const [named] = volume.split(':');
        expect(compose.volumes).toHaveProperty(named!);
      }
    }
    expect(services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
  });

  it('publishes the web app and the mail catcher on valid ports', () => {
    for (const service of Object.values(services)) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^\d{2,5}:\d{2,5}$/);
    }
    expect(services.api!.ports).toContain('3000:3000');
  });
});

describe('Dockerfile', () => {
  const stages = dockerfile.match(/^FROM .+$/gm) ?? [];

  it('builds in one stage and runs from a slim one without dev dependencies', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev --omit=optional/);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('runs as a user that is not root, with a health check', () => {
    const users = dockerfile.match(/^USER (.+)$/gm) ?? [];
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/root|\b0\b/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\/api\/health/ms);
  });

  it('copies every workspace package the runtime links', () => {
    const workspaces = ['apps/api', 'apps/worker', 'apps/web', 'libs/contracts', 'libs/engine', 'libs/actions', 'libs/data', 'libs/mail', 'migrations'];
    for (const dir of workspaces) {
      expect(existsSync(join(root, dir, 'package.json'))).toBe(true);
      expect(dockerfile).toContain(`COPY --from=build /app/${dir}/package.json ${dir}/`);
      expect(dockerfile).toContain(`COPY --from=build /app/${dir}/dist ${dir}/dist`);
    }
  });
});
