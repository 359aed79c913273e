import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCorpusFile, loadPackFile, loadPacks, PackError } from '../../src/packs/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'packs-load-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let written = 0;
/** Writes `content` (an object is written as YAML) to a fresh file in its own folder; returns the file's path. */
function writePack(content: unknown, name = 'bad.yaml'): string {
  written += 1;
  const dir = join(scratch, String(written));
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  return path;
}

function question(id: string, kind = 'definition') {
  return {
    id,
    kind,
    text: 'What does good service mean to you?',
    roles: ['retail'],
    difficulty: 'easy',
    concepts: ['listening'],
    exampleExpected: false,
    modelAnswer: 'It starts with listening to the customer.',
  };
}

function concept(id: string) {
  return {
    id,
    label: 'Listening',
    description: 'Lets the customer finish and checks understanding.',
    cues: ['listen', 'hear them out', 'let them finish'],
    followUps: ['How do you show a customer you have listened?'],
    tip: 'Say what you did to listen.',
  };
}

/** The smallest pack the schema accepts, with five questions so a path like questions[4] exists. */
function minimalPack() {
  const prompt = ['Could you say more?'];
  return {
    id: 'mini',
    title: 'Mini',
    description: 'A minimal pack for loader tests.',
    concepts: [concept('listening')],
    questions: ['q1', 'q2', 'q3', 'q4', 'q5'].map((id) => question(id)),
    probes: {
      expand: prompt,
      example: prompt,
      'star-situation': prompt,
      'star-task': prompt,
      'star-action': prompt,
      'star-result': prompt,
      personal: prompt,
      'off-topic': prompt,
    },
  };
}

/** The problems a PackError carries; fails the test if the call succeeds or throws anything else. */
function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    if (error instanceof PackError) return error.problems;
  }
  throw new Error('expected a PackError, but the file loaded');
}

describe('a valid pack', () => {
  it('loads and comes back as plain data', () => {
    const pack = loadPackFile(writePack(minimalPack(), 'mini.yaml'), 'packs/mini.yaml');
    expect(pack.id).toBe('mini');
    expect(pack.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(pack.concepts[0]?.cues).toEqual(['listen', 'hear them out', 'let them finish']);
  });
});

describe('a field that breaks the schema', () => {
  it('names the file label, the path inside the file and the reason', () => {
    const pack = minimalPack();
    pack.questions[4] = question('q5', 'essay');
    const problems = problemsOf(() => loadPackFile(writePack(pack), 'packs/bad.yaml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^packs\/bad\.yaml: questions\[4\]\.kind: .*"definition"/);
  });

  it('reports every problem on a line of its own', () => {
    const pack = { ...minimalPack(), title: '   ', concepts: [{ ...concept('listening'), cues: ['listen'] }] };
    const error = (() => {
      try {
        loadPackFile(writePack(pack), 'packs/bad.yaml');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PackError);
    expect(error).toMatchObject({ code: 'invalid-pack' });
    const problems = (error as PackError).problems;
    expect(problems).toEqual([
      'packs/bad.yaml: title: must not be empty',
      'packs/bad.yaml: concepts[0].cues: needs at least 3 cues',
    ]);
    expect((error as PackError).message).toBe(problems.join('\n'));
  });

  it('rejects an id that is not kebab-case, saying what an id looks like', () => {
    const pack = minimalPack();
    pack.questions[2] = question('Question Three');
    const problems = problemsOf(() => loadPackFile(writePack(pack), 'packs/bad.yaml'));
    expect(problems).toEqual([
      expect.stringMatching(/^packs\/bad\.yaml: questions\[2\]\.id: expected a kebab-case id/),
    ]);
  });

  it('rejects a word range whose minimum is not below its maximum', () => {
    const pack = minimalPack();
    pack.questions[1] = { ...question('q2'), targetWords: [200, 100] } as ReturnType<typeof question>;
    const problems = problemsOf(() => loadPackFile(writePack(pack), 'packs/bad.yaml'));
    expect(problems).toEqual(['packs/bad.yaml: questions[1].targetWords: min must be below max']);
  });
});

describe('unknown concept ids', () => {
  it('names the question and the position of the id that no concept has', () => {
    const pack = minimalPack();
    pack.questions[3] = { ...question('q4'), concepts: ['listening', 'telepathy'] };
    const problems = problemsOf(() => loadPackFile(writePack(pack), 'packs/bad.yaml'));
    expect(problems).toEqual(['packs/bad.yaml: questions[3].concepts[1]: unknown concept "telepathy"']);
  });
});

describe('duplicate ids', () => {
  it('rejects a concept id used twice, pointing at the second', () => {
    const pack = { ...minimalPack(), concepts: [concept('listening'), concept('listening')] };
    const problems = problemsOf(() => loadPackFile(writePack(pack), 'packs/bad.yaml'));
    expect(problems).toEqual(['packs/bad.yaml: concepts[1].id: duplicate concept id "listening"']);
  });

  it('rejects a question id used twice, pointing at the second', () => {
    const pack = minimalPack();
    pack.questions[4] = question('q1');
    const problems = problemsOf(() => loadPackFile(writePack(pack), 'packs/bad.yaml'));
    expect(problems).toEqual(['packs/bad.yaml: questions[4].id: duplicate question id "q1"']);
  });
});

describe('bad YAML', () => {
  it('says the file is not valid YAML and gives the first line of the parser message', () => {
    const problems = problemsOf(() => loadPackFile(writePack('id: [mini\ntitle: Mini\n'), 'packs/bad.yaml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^packs\/bad\.yaml: not valid YAML: \S/);
    expect(problems[0]).not.toContain('\n');
  });

  it('treats an empty file as a pack with nothing in it', () => {
    const problems = problemsOf(() => loadPackFile(writePack(''), 'packs/bad.yaml'));
    expect(problems).toEqual([expect.stringMatching(/^packs\/bad\.yaml: /)]);
  });
});

describe('a missing file', () => {
  it('says the file cannot be read and gives the system code', () => {
    const problems = problemsOf(() => loadPackFile(join(scratch, 'nowhere.yaml'), 'packs/nowhere.yaml'));
    expect(problems).toEqual(['packs/nowhere.yaml: cannot be read (ENOENT)']);
  });
});

describe('loadPacks over a folder', () => {
  it('loads every yaml file but the corpus, in name order', () => {
    const first = writePack({ ...minimalPack(), id: 'beta' }, 'b.yaml');
    const dir = join(first, '..');
    writeFileSync(join(dir, 'a.yaml'), stringify({ ...minimalPack(), id: 'alpha' }));
    writeFileSync(join(dir, 'canned-answers.yaml'), 'answers: []\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a pack');
    expect(loadPacks(dir).map((pack) => pack.id)).toEqual(['alpha', 'beta']);
  });

  it('labels a broken file by its path from the project root', () => {
    const pack = minimalPack();
    pack.questions[4] = question('q5', 'essay');
    const dir = join(writePack(pack), '..');
    const problems = problemsOf(() => loadPacks(dir));
    expect(problems).toEqual([expect.stringMatching(/bad\.yaml: questions\[4\]\.kind: /)]);
  });
});

describe('the canned-answer corpus file', () => {
  it('rejects an entry whose source is neither published nor textbook, naming the entry', () => {
    const path = writePack({ answers: [{ id: 'copied', source: 'blog', text: 'Customer service is everything.' }] });
    const problems = problemsOf(() => loadCorpusFile(path, 'packs/canned-answers.yaml'));
    expect(problems).toEqual([expect.stringMatching(/^packs\/canned-answers\.yaml: answers\[0\]\.source: /)]);
  });

  it('loads a valid corpus', () => {
    const path = writePack({
      answers: [{ id: 'one', source: 'textbook', text: 'Service means putting customers first.' }],
    });
    expect(loadCorpusFile(path, 'packs/canned-answers.yaml').answers).toHaveLength(1);
  });
});
