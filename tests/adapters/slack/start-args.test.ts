import { describe, expect, it } from 'vitest';
import { parseStartArgs } from '../../../adapters/slack/start-args.js';

describe('parseStartArgs', () => {
  it('reads "3 retail Acme Corp" as 3 questions, retail, company Acme Corp', () => {
    expect(parseStartArgs('3 retail Acme Corp')).toEqual({ questions: 3, role: 'retail', company: 'Acme Corp' });
  });

  it('takes the number, the role and weakest in any order before the company', () => {
    expect(parseStartArgs('call centre 8 weakest Northwind Traders')).toEqual({
      questions: 8,
      role: 'call-centre',
      focus: 'weakest',
      company: 'Northwind Traders',
    });
  });

  it('reads the company’s values after a colon, and drops quotes around the name', () => {
    expect(parseStartArgs('support "Blue Sky Ltd": friendly, fast;  honest')).toEqual({
      role: 'support-desk',
      company: 'Blue Sky Ltd',
      companyValues: ['friendly', 'fast', 'honest'],
    });
  });

  it('treats everything from the first other word on as the company, numbers included', () => {
    expect(parseStartArgs('Acme 3 retail')).toEqual({ company: 'Acme 3 retail' });
    expect(parseStartArgs('7-Eleven')).toEqual({ company: '7-Eleven' });
  });

  it('keeps the number of questions between 1 and 50', () => {
    expect(parseStartArgs('0')).toEqual({ questions: 1 });
    expect(parseStartArgs('999')).toEqual({ questions: 50 });
  });

  it('reads pack=ID and seed=N among the leading words, and a malformed one as the company', () => {
    expect(parseStartArgs('seed=42 2 pack=Customer-Service Acme')).toEqual({
      questions: 2,
      seed: 42,
      pack: 'customer-service',
      company: 'Acme',
    });
    expect(parseStartArgs('seed=forty Acme')).toEqual({ company: 'seed=forty Acme' });
  });

  it('gives no options for nothing', () => {
    expect(parseStartArgs('   ')).toEqual({});
  });
});
