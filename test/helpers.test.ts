import { describe, expect, it } from 'vitest';
import { assessValid, cleanRequest } from './helpers.js';

describe('the clean base request', () => {
  it('is a candidate with an approved session and no warnings', async () => {
    const assessment = await assessValid(cleanRequest());
    expect(assessment.status).toBe('candidate');
    expect(assessment.session.status).toBe('approved');
    expect(assessment.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(assessment.unconfirmed).toEqual([]);
  });
});
