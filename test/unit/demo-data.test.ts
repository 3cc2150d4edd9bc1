import { describe, expect, it } from 'vitest';
import { individuals2025, units2025 } from '../../db/seed/data/campaign-2025.ts';
import { individuals2026 } from '../../db/seed/data/individuals-2026.ts';
import { units2026 } from '../../db/seed/data/units-2026.ts';
import {
  demoDistricts,
  demoSectors,
  type DemoIndividual,
  type DemoUnit,
} from '../../db/seed/types.ts';

// The three data modules share one set of rules (db/seed/types.ts), so they are checked together.

/** Length of a deeds text as a reader counts it: no white space, no Markdown heading marks. */
const proseLength = (deeds: string) => deeds.replace(/[\s#]/g, '').length;

const yearMonth = /^\d{4}-(0[1-9]|1[0-2])$/;

const individualLists: [string, DemoIndividual[]][] = [
  ['individuals2026', individuals2026],
  ['individuals2025', individuals2025],
];
const unitLists: [string, DemoUnit[]][] = [
  ['units2026', units2026],
  ['units2025', units2025],
];
const allLists: [string, (DemoIndividual | DemoUnit)[]][] = [...individualLists, ...unitLists];

describe('demo data size', () => {
  it('has at least 30 individuals and 20 units for 2026', () => {
    expect(individuals2026.length).toBeGreaterThanOrEqual(30);
    expect(units2026.length).toBeGreaterThanOrEqual(20);
  });

  it('has a 2025 shortlist of each kind', () => {
    expect(individuals2025.length).toBeGreaterThan(0);
    expect(units2025.length).toBeGreaterThan(0);
  });
});

describe.each(allLists)('%s', (_name, list) => {
  it('has unique names', () => {
    const names = list.map((entry) => entry.name);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    expect(repeated).toEqual([]);
  });

  it('has deeds of 300–800 characters once white space and # are removed', () => {
    const outside = list
      .map((entry) => ({ name: entry.name, length: proseLength(entry.deeds) }))
      .filter(({ length }) => length < 300 || length > 800);
    expect(outside).toEqual([]);
  });

  it('uses only level-3 Markdown headings in deeds', () => {
    for (const entry of list) {
      const marks = entry.deeds.match(/^#+(?=\s)/gm) ?? [];
      expect(
        marks.filter((m) => m !== '###'),
        entry.name,
      ).toEqual([]);
    }
  });

  it('uses only the demo districts and sectors', () => {
    for (const entry of list) {
      expect(demoDistricts, entry.name).toContain(entry.district);
      expect(demoSectors, entry.name).toContain(entry.sector);
    }
  });

  it('has a one-sentence summary of 25–45 characters', () => {
    for (const entry of list) {
      expect([...entry.summary].length, entry.name).toBeGreaterThanOrEqual(25);
      expect([...entry.summary].length, entry.name).toBeLessThanOrEqual(45);
    }
  });
});

describe.each(individualLists)('%s', (_name, list) => {
  it('gives sex as 男 or 女', () => {
    for (const person of list) expect(['男', '女'], person.name).toContain(person.sex);
  });

  it('writes birth, workStarted and partyJoined as YYYY-MM', () => {
    for (const person of list) {
      expect(person.birth, person.name).toMatch(yearMonth);
      expect(person.workStarted, person.name).toMatch(yearMonth);
      if (person.partyJoined !== undefined)
        expect(person.partyJoined, person.name).toMatch(yearMonth);
    }
  });

  it('gives a party-joining date to party members only', () => {
    for (const person of list) {
      const member = person.politicalAffiliation.startsWith('中共');
      expect(person.partyJoined !== undefined, person.name).toBe(member);
    }
  });

  it('has everyone start work at 16 or later', () => {
    for (const person of list) {
      const age = Number(person.workStarted.slice(0, 4)) - Number(person.birth.slice(0, 4));
      expect(age, person.name).toBeGreaterThanOrEqual(16);
    }
  });

  it('has a CV of 3–6 lines beginning when work started', () => {
    for (const person of list) {
      expect(person.cv.length, person.name).toBeGreaterThanOrEqual(3);
      expect(person.cv.length, person.name).toBeLessThanOrEqual(6);
      expect(person.cv[0]!.slice(0, 7), person.name).toBe(person.workStarted.replace('-', '.'));
      for (const line of person.cv) expect(line).toMatch(/^\d{4}\.\d{2}—(\d{4}\.\d{2})? \S/);
    }
  });
});

describe('names across years', () => {
  it('never reuses a 2025 person or unit in 2026', () => {
    const people = new Set(individuals2025.map((p) => p.name));
    const units = new Set(units2025.map((u) => u.name));
    expect(individuals2026.filter((p) => people.has(p.name)).map((p) => p.name)).toEqual([]);
    expect(units2026.filter((u) => units.has(u.name)).map((u) => u.name)).toEqual([]);
  });
});
