import { describe, expect, it } from 'vitest';
import { parseFormation, resolveFormation } from '../../src/config/index.js';
import { userErrorOf } from '../helpers/user-error.js';

const TYPES = ['web', 'worker', 'clock'] as const;

/** The formation as plain pairs, in the order the Map holds them. */
function formationOf(spec: string | undefined, selected: string[] = []): [string, number][] {
  const parsed = spec === undefined ? undefined : parseFormation(spec, TYPES);
  return [...resolveFormation(TYPES, parsed, selected)];
}

describe('parseFormation', () => {
  it.each<{ behaviour: string; spec: string; all?: number; counts: [string, number][] }>([
    { behaviour: 'a single pair sets that type', spec: 'web=2', counts: [['web', 2]] },
    { behaviour: 'all=N is kept apart from the named types', spec: 'all=2,web=0', all: 2, counts: [['web', 0]] },
    { behaviour: 'whitespace anywhere is ignored', spec: ' web = 2 ,\tworker=\t3 ', counts: [['web', 2], ['worker', 3]] },
    { behaviour: 'a later pair for the same type wins', spec: 'web=1,worker=1,web=3', counts: [['web', 3], ['worker', 1]] },
    { behaviour: 'a later all= wins', spec: 'all=1,all=4', all: 4, counts: [] },
    { behaviour: 'empty pairs from stray commas are skipped', spec: ',web=2,,worker=1,', counts: [['web', 2], ['worker', 1]] },
    { behaviour: 'an empty spec sets nothing', spec: '', counts: [] },
    { behaviour: '100 instances are allowed', spec: 'web=100', counts: [['web', 100]] },
    { behaviour: 'a count with leading zeros is read as a number', spec: 'web=007', counts: [['web', 7]] },
  ])('$behaviour', ({ spec, all, counts }) => {
    const parsed = parseFormation(spec, TYPES);
    expect(parsed.all).toBe(all);
    expect([...parsed.counts]).toEqual(counts);
  });

  it.each<{ behaviour: string; spec: string; message: string }>([
    { behaviour: 'an unknown type is an error that lists the known ones', spec: 'nosuch=2', message: '--formation: unknown process type "nosuch" (Procfile has web, worker, clock)' },
    { behaviour: 'an unknown type among known ones is an error', spec: 'web=1,wrker=2', message: '--formation: unknown process type "wrker" (Procfile has web, worker, clock)' },
    { behaviour: 'a count that is not a number is an error', spec: 'web=abc', message: '--formation: "web=abc" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'a name without a count is an error', spec: 'web', message: '--formation: "web" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'a name with = but no count is an error', spec: 'web=', message: '--formation: "web=" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'a count without a name is an error', spec: '=2', message: '--formation: "=2" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'a negative count is an error', spec: 'web=-1', message: '--formation: "web=-1" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'a fractional count is an error', spec: 'web=1.5', message: '--formation: "web=1.5" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'two = signs are an error', spec: 'web=2=3', message: '--formation: "web=2=3" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'a colon instead of = is an error', spec: 'web:2', message: '--formation: "web:2" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'an error quotes the pair without its whitespace', spec: 'web = x', message: '--formation: "web=x" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'more than 100 instances of a type is an error', spec: 'web=101', message: '--formation: web=101 is more than 100 instances' },
    { behaviour: 'more than 100 instances through all= is an error', spec: 'all=101', message: '--formation: all=101 is more than 100 instances' },
    { behaviour: 'a huge count is an error, not a number that overflows', spec: 'web=99999999999999999999', message: '--formation: web=100000000000000000000 is more than 100 instances' },
  ])('$behaviour', ({ spec, message }) => {
    const error = userErrorOf(() => parseFormation(spec, TYPES));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
  });

  it.each<{ behaviour: string; spec: string; message: string }>([
    { behaviour: 'an unknown type from a project file names the file and exits 1, as bad input', spec: 'web=2,nosuch=1', message: '.tfui.json: formation: unknown process type "nosuch" (Procfile has web, worker, clock)' },
    { behaviour: 'a bad pair from a project file names the file and exits 1, as bad input', spec: 'web=x', message: '.tfui.json: formation: "web=x" is not NAME=COUNT (e.g. web=2)' },
    { behaviour: 'too many instances from a project file names the file and exits 1, as bad input', spec: 'web=500', message: '.tfui.json: formation: web=500 is more than 100 instances' },
  ])('$behaviour', ({ spec, message }) => {
    const error = userErrorOf(() => parseFormation(spec, TYPES, '.tfui.json: formation'));
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(1);
  });
});

describe('resolveFormation', () => {
  it.each<{ behaviour: string; spec?: string; selected?: string[]; expected: [string, number][] }>([
    { behaviour: 'without -m every type runs once', expected: [['web', 1], ['worker', 1], ['clock', 1]] },
    { behaviour: '-m web=2 alone runs only web, the others get 0', spec: 'web=2', expected: [['web', 2], ['worker', 0], ['clock', 0]] },
    { behaviour: '-m all=2,web=0 runs two of every type but web', spec: 'all=2,web=0', expected: [['web', 0], ['worker', 2], ['clock', 2]] },
    { behaviour: 'a named type beats all= whatever their order', spec: 'web=0,all=3', expected: [['web', 0], ['worker', 3], ['clock', 3]] },
    { behaviour: 'all=1 with one type raised runs the rest once', spec: 'all=1,worker=3', expected: [['web', 1], ['worker', 3], ['clock', 1]] },
    { behaviour: 'whitespace in -m changes nothing', spec: ' web = 2 , worker = 1 ', expected: [['web', 2], ['worker', 1], ['clock', 0]] },
    { behaviour: 'the later of two pairs for a type wins', spec: 'web=3,web=1', expected: [['web', 1], ['worker', 0], ['clock', 0]] },
    { behaviour: 'an empty -m runs nothing', spec: '', expected: [['web', 0], ['worker', 0], ['clock', 0]] },
    { behaviour: 'selected types run once each and the others not at all', selected: ['web', 'clock'], expected: [['web', 1], ['worker', 0], ['clock', 1]] },
    { behaviour: 'a selected type takes its count from -m', spec: 'web=3', selected: ['web'], expected: [['web', 3], ['worker', 0], ['clock', 0]] },
    { behaviour: 'a selected type takes all= from -m', spec: 'all=2', selected: ['worker'], expected: [['web', 0], ['worker', 2], ['clock', 0]] },
    { behaviour: 'a selected type that -m does not name runs once', spec: 'web=3', selected: ['worker'], expected: [['web', 0], ['worker', 1], ['clock', 0]] },
    { behaviour: 'a type -m names but that was not selected does not run', spec: 'web=3,worker=2', selected: ['worker'], expected: [['web', 0], ['worker', 2], ['clock', 0]] },
    { behaviour: 'a selected type that -m sets to 0 runs 0', spec: 'web=0', selected: ['web', 'clock'], expected: [['web', 0], ['worker', 0], ['clock', 1]] },
    { behaviour: 'selecting a type twice runs it once', selected: ['web', 'web'], expected: [['web', 1], ['worker', 0], ['clock', 0]] },
  ])('$behaviour', ({ spec, selected, expected }) => {
    expect(formationOf(spec, selected)).toEqual(expected);
  });

  it('keeps Procfile order, so a type named 9 stays where the Procfile put it', () => {
    const types = ['web', '9', '1', 'worker'];
    expect([...resolveFormation(types, undefined).keys()]).toEqual(types);
    expect([...resolveFormation(types, parseFormation('worker=1,9=2', types)).keys()]).toEqual(types);
  });

  it('a selected type the Procfile does not define is an error (exit code 2)', () => {
    const error = userErrorOf(() => resolveFormation(TYPES, undefined, ['web', 'nosuch']));
    expect(error.message).toBe('unknown process type "nosuch" (Procfile has web, worker, clock)');
    expect(error.exitCode).toBe(2);
  });
});
