import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { wholeInterview } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http' });
});
afterAll(async () => {
  await h.close();
});

describe('HTTP mode: a whole interview in a DM', () => {
  it('runs from start through questions, a quoting follow-up and Block Kit feedback to the report', async () => {
    await wholeInterview(h, 'U0ALICE001');
  });
});
