import type { OutboundReply, Progress, Runtime, Turn } from '../../src/runtime/index.js';

export const notice = (text: string): OutboundReply => ({ type: 'notice', text });

/** A runtime that hands back `turn` for every event and records what the adapter reports of its delivery. */
export function reportingRuntime(turn: Turn): { runtime: Runtime; reported: (Progress | 'all')[] } {
  const reported: (Progress | 'all')[] = [];
  const runtime = {
    turn: async () => turn,
    overview: async () => undefined,
    delivered: async (_inbound: unknown, progress?: Progress) => {
      reported.push(progress ?? 'all');
    },
  } as unknown as Runtime;
  return { runtime, reported };
}
