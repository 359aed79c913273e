import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'practice-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const story =
  'Last spring at the Camden shop a regular customer was angry because the phone he bought from us kept ' +
  'restarting and he needed it for work that afternoon. My task was to calm him down and get him a working phone. ' +
  'I listened to the whole story without interrupting, apologised, checked the stock system and found a ' +
  'replacement at our Islington branch. I set it up for him, copied his contacts and called him the next day to ' +
  'make sure it worked. He left a five-star review and still asks for me when he comes in.';

/** Runs `npm run practice` with piped stdin, as a script would. */
function practice(args: readonly string[], lines: readonly string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'practice', '--', ...args], {
      cwd: root,
      env: { ...process.env, STORE_URL: `sqlite://${join(dir, 'practice.sqlite')}`, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}

describe('npm run practice with piped stdin', () => {
  it('runs a whole interview to the report and exits 0', async () => {
    const args = [
      '--user',
      'whole',
      '--questions',
      '2',
      '--company',
      'Camden Phones',
      '--role',
      'retail',
      '--seed',
      '4',
    ];
    const { code, stdout } = await practice(
      args,
      Array.from({ length: 8 }, () => story),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Question 1 of 2/);
    expect(stdout).toMatch(/Question 2 of 2/);
    expect(stdout).toMatch(/Feedback on question 1/);
    expect(stdout).toMatch(/=== Interview complete: \d+\/100 ===/);
    expect(stdout).toMatch(/The three most useful things to practise/);
  }, 60_000);

  it('keeps a half-finished interview and resumes it with a welcome back on the next run', async () => {
    const args = ['--user', 'resumer', '--questions', '3', '--no-intro', '--seed', '9'];
    const first = await practice(args, [story]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Question 1 of 3/);
    expect(first.stdout).toMatch(/Your progress is saved/);

    const second = await practice(args, ['/status']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Welcome back/);
    expect(second.stdout).toMatch(/(Question [12] of 3|Follow-up:)/);
    expect(second.stdout).toMatch(/1 answered|0 answered/);
    expect(second.stdout).not.toMatch(/Welcome to your practice interview/);

    const third = await practice(args, [...Array.from({ length: 10 }, () => story), '/history']);
    expect(third.stdout).toMatch(/=== Interview complete/);
    expect(third.stdout).toMatch(/Your interviews:\n {2}\d{4}-\d\d-\d\d {2}completed/);
  }, 90_000);

  it('explains a bad option in one line and exits non-zero', async () => {
    const { code, stderr } = await practice(['--questions', 'many'], []);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^--questions: /);
  }, 30_000);
});
