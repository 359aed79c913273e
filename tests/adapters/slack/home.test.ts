import { describe, expect, it } from 'vitest';
import { renderHome } from '../../../adapters/slack/home.js';
import { checkView } from '../../fakes/slack/index.js';
import { elementsIn, history, overview } from './fixtures.js';

const actionIds = (view: ReturnType<typeof renderHome>) => elementsIn(view.blocks).map((e) => e.action_id);

describe('renderHome', () => {
  it('shows the interview in progress with End and Pause, past scores and the concepts missed most', () => {
    const view = renderHome(overview('asking'));
    expect(checkView(view)).toBeUndefined();
    const shown = JSON.stringify(view);
    expect(shown).toContain('Question 2 of 5 · 1 answered · waiting for your answer');
    expect(shown).toContain('2025-01-03 · completed · *52/100* · 1 question');
    expect(shown).toContain('• Patience: missed 3, covered 0');
    expect(shown).not.toContain('Empathy: missed');
    expect(actionIds(view)).toEqual(['iv:home-start', 'iv:end', 'iv:pause']);
  });

  it('offers Resume instead of Pause when the interview is paused', () => {
    expect(actionIds(renderHome(overview('paused')))).toEqual(['iv:home-start', 'iv:resume', 'iv:end']);
  });

  it('lists the last 10 interviews newest first, within the 100-block limit of a view', () => {
    const view = renderHome({ current: null, history: history(10) });
    expect(checkView(view)).toBeUndefined();
    const shown = JSON.stringify(view);
    expect(shown.indexOf('2025-01-10')).toBeLessThan(shown.indexOf('2025-01-01'));
    expect(shown).toContain('None in progress');
  });

  it('says so when the store cannot be read, and still offers Start', () => {
    const view = renderHome(undefined);
    expect(JSON.stringify(view)).toContain('cannot load your interviews');
    expect(actionIds(view)).toEqual(['iv:home-start']);
  });
});
