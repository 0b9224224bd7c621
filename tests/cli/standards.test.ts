import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/standards';
import { SHIPPED_STANDARDS } from '../../shared/standards/catalogue';
import { captureCli } from '../helpers/capture-cli';

/** Run the command in-process, capturing stdout and stderr. */
const capture = (args: string[]) => captureCli(run, args);

afterEach(() => vi.restoreAllMocks());

describe('msvw standards', () => {
  it('lists every shipped standard with its kind, provenance and thresholds', async () => {
    const { code, out } = await capture([]);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+kind\s+provenance\s+met when\s+title$/);
    expect(lines.length).toBe(SHIPPED_STANDARDS.length + 1);
    expect(out).toMatch(/4plus4-part1\s+interval\s+provisional\s+referral_date -> first_seen_date <= 28d/);
    expect(out).toMatch(/bh-referral-to-seen\s+interval\s+provisional\s+referral_date -> first_seen_date: aspirational 7d \/ achievable 14d \/ core 28d/);
    expect(out).toMatch(/qs108-s6-annual-review\s+frequency\s+confirmed/);
  });

  it('prints the catalogue as re-importable JSON with --json', async () => {
    const { code, out } = await capture(['--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { format: string; standards: { id: string }[] };
    expect(parsed.format).toBe('msvw-standards');
    expect(parsed.standards.map((s) => s.id)).toEqual(SHIPPED_STANDARDS.map((s) => s.id));
  });

  it('merges a user catalogue file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'msvw-standards-'));
    const file = path.join(dir, 'mine.json');
    await writeFile(file, JSON.stringify([{ ...SHIPPED_STANDARDS[0], title: 'Local part 1' }, { ...SHIPPED_STANDARDS[0], id: 'local-7d', thresholds: { single: 7 } }]));
    const { code, out } = await capture(['--catalogue', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/4plus4-part1 .*Local part 1/);
    expect(out).toMatch(/local-7d .*<= 7d/);
  });

  it('exits 2 with one line naming the problem for bad options and bad catalogue files', async () => {
    const bad = await capture(['--colour']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^msvw standards: unknown option "--colour"\. Usage: msvw standards/);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    const missing = await capture(['--catalogue', '/nonexistent/standards.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read catalogue file/);
    const dir = await mkdtemp(path.join(tmpdir(), 'msvw-standards-'));
    const file = path.join(dir, 'broken.json');
    await writeFile(file, JSON.stringify([{ ...SHIPPED_STANDARDS[0], thresholds: { single: -3 } }]));
    const broken = await capture(['--catalogue', file]);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken\.json: standards\[0\] \("4plus4-part1"\)\.thresholds/);
  });

  it('shows an absent tier as "none", never "nulld"', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'msvw-standards-'));
    const file = path.join(dir, 'tiers.json');
    const bh = SHIPPED_STANDARDS.find((s) => s.id === 'bh-referral-to-seen');
    await writeFile(file, JSON.stringify([{ ...bh, thresholds: { achievable: 14, core: 28 } }]));
    const { code, out } = await capture(['--catalogue', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/bh-referral-to-seen\s+interval\s+provisional\s+referral_date -> first_seen_date: aspirational none \/ achievable 14d \/ core 28d/);
    expect(out).not.toMatch(/null|undefined/);
  });
});
