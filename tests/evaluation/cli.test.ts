import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const story =
  'Last May at the Leeds branch a customer came in upset because her order had not arrived. I listened, apologised ' +
  'and called four other branches until I found one. She collected it the next day and thanked me.';

function run(args: readonly string[], input: string) {
  const result = spawnSync('npx', ['tsx', 'scripts/evaluate.ts', ...args], { cwd: root, input, encoding: 'utf8' });
  // npm may add its own warnings about the machine's config; they are not the script's output.
  const stderr = result.stderr
    .split('\n')
    .filter((line) => !line.startsWith('npm warn'))
    .join('\n');
  return { status: result.status, stdout: result.stdout, stderr };
}

describe('npm run evaluate -- --question <id> --json', () => {
  it('prints one object with the evaluation summary', () => {
    const { status, stdout } = run(['--question', 'difficult-customer', '--json'], story);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ questionId: 'difficult-customer', canned: false, offTopic: false, tailored: null });
    expect(typeof out.score).toBe('number');
    expect(out.wordCount).toBe(story.split(/\s+/).length);
    expect(out.cannedSimilarity).toBeGreaterThanOrEqual(0);
    expect(out.cannedSimilarity).toBeLessThanOrEqual(1);
    expect(out.concepts.length).toBe(17);
    expect(out.concepts[0]).toEqual({
      id: expect.any(String),
      covered: expect.any(Boolean),
      evidence: expect.any(Array),
    });
    expect(out.star).toEqual({ situation: true, task: expect.any(Boolean), action: true, result: true });
    expect(out.followUp === null || typeof out.followUp.reason === 'string').toBe(true);
  });

  it('reports tailoring when a company is given, and no STAR for a definition question', () => {
    const { status, stdout } = run(['--question', 'cs-meaning', '--json', '--company', 'Acme'], story);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.star).toBeNull();
    expect(out.tailored).toBe(false);
  });
});

describe('npm run evaluate: readable feedback', () => {
  it('prints the score and the breakdown', () => {
    const { status, stdout } = run(['--question', 'difficult-customer'], story);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Score: \d+\/100/);
    expect(stdout).toMatch(/STAR/);
  });
});

describe('npm run evaluate: bad input', () => {
  it('exits non-zero with one line on stderr for an unknown question id', () => {
    const { status, stderr, stdout } = run(['--question', 'no-such-question', '--json'], story);
    expect(status).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/no-such-question/);
  });

  it('exits non-zero with one line on stderr for empty input', () => {
    const { status, stderr } = run(['--question', 'cs-meaning', '--json'], '  \n ');
    expect(status).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits non-zero when no question is named', () => {
    const { status, stderr } = run(['--json'], story);
    expect(status).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('npm run evaluate: an invalid pack', () => {
  it('prints the pack problems and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    try {
      writeFileSync(join(dir, 'broken.yaml'), 'id: Not Kebab\ntitle: Broken\n');
      writeFileSync(
        join(dir, 'canned-answers.yaml'),
        'answers:\n  - id: one\n    source: published\n    text: Hello.\n',
      );
      const { status, stderr, stdout } = run(['--question', 'cs-meaning', '--json', '--packs', dir], story);
      expect(status).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/broken\.yaml: id: expected a kebab-case id/);
      expect(stderr.trim().split('\n').length).toBeGreaterThan(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
