import { describe, expect, it } from 'vitest';
import { openStore, parseStoreUrl, redactUrl } from '../../src/store/index.js';
import { cards, notes } from './fixtures.js';

describe('parseStoreUrl', () => {
  it('accepts the three forms, resolving a relative SQLite path against the working folder', () => {
    expect(parseStoreUrl('memory://')).toEqual({ kind: 'memory' });
    expect(parseStoreUrl('sqlite://data/interviews.sqlite', '/srv/bot')).toEqual({
      kind: 'sqlite',
      path: '/srv/bot/data/interviews.sqlite',
    });
    expect(parseStoreUrl('sqlite:///var/lib/bot/store.sqlite', '/srv/bot')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/bot/store.sqlite',
    });
    expect(parseStoreUrl('redis://127.0.0.1:6379/2')).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/2' });
    expect(parseStoreUrl('redis://bot:pw@cache:6379')).toEqual({ kind: 'redis', url: 'redis://bot:pw@cache:6379' });
  });

  const bad = [
    '',
    'data/interviews.sqlite',
    'sqlite://',
    'memory://extra',
    'postgres://db/interviews',
    'redis://',
    'redis://cache:6379/sessions',
    'redis://cache:6379?db=1',
    'redis://cache:notaport',
  ];
  for (const url of bad) {
    it(`throws one line naming STORE_URL and the accepted forms for ${JSON.stringify(url)}`, () => {
      expect(() => parseStoreUrl(url)).toThrow(
        /^STORE_URL ".*" is not valid \(.+\): use sqlite:\/\/<path>.*memory:\/\/.*redis:\/\//,
      );
      expect(() => parseStoreUrl(url)).not.toThrow(/\n/);
    });
  }

  it('keeps the password out of the message', () => {
    expect(() => parseStoreUrl('redis://bot:hunter2@cache:6379/notanumber')).toThrow(
      'STORE_URL "redis://bot:***@cache:6379/notanumber"',
    );
  });

  it('is what openStore throws at open', () => {
    expect(() => openStore({ url: 'mysql://db', sessions: notes, profiles: cards })).toThrow(
      /^STORE_URL "mysql:\/\/db"/,
    );
  });
});

describe('redactUrl', () => {
  it('replaces the password and keeps the rest', () => {
    expect(redactUrl('redis://bot:hunter2@cache:6379/1')).toBe('redis://bot:***@cache:6379/1');
    expect(redactUrl('redis://:hunter2@cache:6379')).toBe('redis://:***@cache:6379');
    expect(redactUrl('sqlite://data/interviews.sqlite')).toBe('sqlite://data/interviews.sqlite');
  });
});
