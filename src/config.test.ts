import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      baseUrl: 'http://127.0.0.1:3000',
      databaseUrl: undefined,
      networkName: 'Essaim',
      admin: undefined,
      rateLimitPerMinute: 300,
      logLevel: 'info',
      secureCookies: false,
    });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '', HOST: '', BASE_URL: '', LOG_LEVEL: '' });
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', baseUrl: 'http://127.0.0.1:3000', logLevel: 'info' });
  });

  it('derives the base URL from host and port, with a loopback address for 0.0.0.0', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' }).baseUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ BASE_URL: 'http://example.org/' }).baseUrl).toBe('http://example.org');
  });

  it.each(['abc', '70000', '-1', '3.5'])('rejects PORT=%s with a message naming PORT', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it('names every invalid setting in one message', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://h/db' })).toThrow(
      /PORT.*LOG_LEVEL.*DATABASE_URL|PORT.*DATABASE_URL.*LOG_LEVEL/,
    );
  });

  it('rejects an admin e-mail without a password, and the reverse', () => {
    expect(() => loadConfig({ ESSAIM_ADMIN_EMAIL: 'admin@example.org' })).toThrow(/ESSAIM_ADMIN_PASSWORD/);
    expect(() => loadConfig({ ESSAIM_ADMIN_PASSWORD: 'long enough secret' })).toThrow(/ESSAIM_ADMIN_EMAIL/);
  });

  it('rejects a short admin password and a malformed admin e-mail', () => {
    expect(() => loadConfig({ ESSAIM_ADMIN_EMAIL: 'admin@example.org', ESSAIM_ADMIN_PASSWORD: 'short' })).toThrow(
      /ESSAIM_ADMIN_PASSWORD.*10 characters/,
    );
    expect(() => loadConfig({ ESSAIM_ADMIN_EMAIL: 'nope', ESSAIM_ADMIN_PASSWORD: 'long enough secret' })).toThrow(
      /ESSAIM_ADMIN_EMAIL/,
    );
  });

  it('keeps the admin with a lower-cased e-mail', () => {
    expect(
      loadConfig({ ESSAIM_ADMIN_EMAIL: 'Admin@Example.org', ESSAIM_ADMIN_PASSWORD: 'long enough secret' }).admin,
    ).toEqual({
      email: 'admin@example.org',
      password: 'long enough secret',
    });
  });

  it('sets secureCookies for an https BASE_URL only', () => {
    expect(loadConfig({ BASE_URL: 'https://essaim.example.org' })).toMatchObject({
      baseUrl: 'https://essaim.example.org',
      secureCookies: true,
    });
    expect(loadConfig({ BASE_URL: 'http://essaim.example.org' }).secureCookies).toBe(false);
    expect(() => loadConfig({ BASE_URL: 'ftp://essaim.example.org' })).toThrow(/BASE_URL/);
  });

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL.*postgres/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@localhost/db' }).databaseUrl).toBe('postgresql://u@localhost/db');
  });

  it('lets overrides win, secure cookies following an overridden https base URL', () => {
    const c = loadConfig({ PORT: '3000' }, { port: 4000, baseUrl: 'https://over.example.org' });
    expect(c.port).toBe(4000);
    expect(c.baseUrl).toBe('https://over.example.org');
    expect(c.secureCookies).toBe(true);
  });

  it('reads the operations settings: proxies, metrics, shutdown, backups', () => {
    const c = loadConfig({
      TRUST_PROXY: '2',
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      METRICS_ADDRESS: '127.0.0.1:9464',
      SHUTDOWN_TIMEOUT_SECONDS: '5',
      BACKUP_DIR: './backups',
      BACKUP_KEEP: '3',
      RATE_LIMIT_STORE: 'postgres',
    });
    expect(c).toMatchObject({
      trustProxy: 2,
      metricsAddress: { host: '127.0.0.1', port: 9464 },
      shutdownTimeoutMs: 5000,
      backupKeep: 3,
      rateLimitStore: 'postgres',
      baseUrlFixed: false,
    });
    expect(c.backupDir).toBe(path.resolve('./backups'));
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    // An https BASE_URL no longer trusts every hop by itself.
    expect(loadConfig({ BASE_URL: 'https://essaim.example.org' })).toMatchObject({
      trustProxy: false,
      baseUrlFixed: true,
    });
  });

  it.each([
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', 'everyone'],
    ['METRICS_TOKEN', 'short'],
    ['METRICS_ADDRESS', '9464'],
    ['RATE_LIMIT_STORE', 'redis'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
