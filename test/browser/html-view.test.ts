/// <reference types="node" />
// The HTML view in a real browser: Debian's chromium, headless, driven by playwright-core. Each page
// is loaded from a file; every target vein must be drawn with its fate, the page must log no errors,
// and a screenshot is taken (written to docs/images/ with UPDATE_SCREENSHOTS=1, for the README).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAssessment } from '../../src/index.js';
import type { AssessmentRequest } from '../../src/model/request-schema.js';
import type { VeinFate } from '../../src/model/assessment.js';
import { assessValid } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the browser tests of the HTML view: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run installs it).`);

const readRequest = async (file: string): Promise<AssessmentRequest> => JSON.parse(await readFile(file, 'utf8')) as AssessmentRequest;

// A request with a vein on each kind of place: no recorded side, the face, and one treated before.
const mixedRequest = async (): Promise<AssessmentRequest> => {
  const base = await readRequest('examples/spider-veins.json');
  return {
    ...base,
    veins: [
      ...base.veins,
      { id: 'unsided-reticular', kind: 'reticular', diameterMm: 2, region: 'leg' },
      { id: 'cheek-spiders', kind: 'telangiectasia', diameterMm: 0.5, region: 'face', side: 'right' },
      { id: 'old-right-calf', kind: 'reticular', diameterMm: 2, region: 'leg', side: 'right', status: 'treated' },
    ],
  };
};

interface Case {
  readonly name: string;
  readonly request: () => Promise<AssessmentRequest>;
  /** The fate of each target vein, written from the example's clinical story. */
  readonly targets: Readonly<Record<string, VeinFate>>;
  /** Other veins and their fates. */
  readonly others?: Readonly<Record<string, VeinFate>>;
}

const CASES: readonly Case[] = [
  { name: 'spider-veins', request: () => readRequest('examples/spider-veins.json'), targets: { 'left-thigh-spiders': 'treat', 'right-calf-spiders': 'treat' } },
  { name: 'deferral', request: () => readRequest('examples/deferral.json'), targets: { 'left-knee-spiders': 'deferred', 'right-thigh-spiders': 'treat' }, others: { 'left-calf-varicose': 'untreated' } },
  { name: 'held-session', request: () => readRequest('examples/held-session.json'), targets: { v1: 'held', v2: 'held' } },
  { name: 'capped-session', request: () => readRequest('examples/capped-session.json'), targets: { 'left-reticular': 'blocked', 'right-reticular': 'blocked' } },
  {
    name: 'mixed-sites',
    request: mixedRequest,
    targets: { 'left-thigh-spiders': 'treat', 'right-calf-spiders': 'treat' },
    others: { 'unsided-reticular': 'untreated', 'cheek-spiders': 'untreated', 'old-right-calf': 'treated' },
  },
];

describe.skipIf(!hasChromium)('the HTML view in headless Chromium', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    folder = await mkdtemp(join(tmpdir(), 'html-view-'));
  });

  afterAll(async () => {
    await browser.close();
  });

  for (const testCase of CASES) {
    it(`${testCase.name}: draws every target vein with its fate, logs no errors, and is captured`, async () => {
      const request = await testCase.request();
      const assessment = await assessValid(request);
      expect([...(request.plannedSession?.targetVeinIds ?? [])].sort()).toEqual(Object.keys(testCase.targets).sort());
      const file = join(folder, `${testCase.name}.html`);
      await writeFile(file, formatAssessment(assessment, { format: 'html' }));

      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      // Nothing may be fetched: the page is self-contained.
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      const drawn = await page.$$eval('svg.legs [data-vein-id]', (elements) =>
        elements.map((element) => ({ id: element.getAttribute('data-vein-id'), fate: element.getAttribute('data-fate'), box: element.getBoundingClientRect().width })),
      );
      const fates = Object.fromEntries(drawn.map((d) => [d.id, d.fate]));
      // Every vein of the request is drawn once; targets and the named others with the expected fate.
      expect(drawn.map((d) => d.id).sort()).toEqual(request.veins.map((v) => v.id).sort());
      expect(fates).toMatchObject({ ...testCase.targets, ...testCase.others });
      for (const vein of drawn) expect(vein.box).toBeGreaterThan(0);
      expect(await page.locator('svg.legend').count()).toBe(1);
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file).href]);

      const screenshot = process.env.UPDATE_SCREENSHOTS === '1' ? resolve('docs/images', `html-view-${testCase.name}.png`) : join(folder, `${testCase.name}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
      await page.close();
    });
  }

  it('has a committed screenshot of each case, as the README shows them', async () => {
    for (const testCase of CASES) expect((await stat(`docs/images/html-view-${testCase.name}.png`)).size).toBeGreaterThan(10_000);
  });
});
