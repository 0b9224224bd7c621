import { describe, expect, it } from 'vitest';
import { createPartReader, partBuffers, readDelimited, type DelimitedPart } from '../../../../shared/io/read/delimited';
import { bytesSource, lineStartAfter, readDelimitedInParts as inParts, type PartTask, type RunPart } from '../../../../shared/io/read/parallel';
import type { RawTable } from '../../../../shared/io/raw-table';
import { headersOf, rowsOf, seeded, utf8 } from './helpers';

/** Split reading of bytes in memory, served in uneven chunks. */
function readDelimitedInParts(bytes: Uint8Array, fileName: string, options: object, runPart: RunPart, minBytes: number) {
  const source = {
    size: bytes.length,
    *chunks(start: number, end: number) {
      for (let i = start; i < end; i += 50_001) yield bytes.subarray(i, Math.min(end, i + 50_001));
    },
  };
  return inParts(source, fileName, options, runPart, minBytes);
}

/** A helper that reads the part in this thread (a worker would do the same), in uneven chunks. */
function inThread(bytes: Uint8Array, calls: PartTask[] = []) {
  return async (task: PartTask): Promise<DelimitedPart> => {
    calls.push(task);
    const reader = createPartReader({ fileName: task.fileName, delimiter: task.delimiter, ncols: task.ncols, bytesTotal: task.end - task.start });
    for (let i = task.start; i < task.end; i += 7777) reader.push(bytes.subarray(i, Math.min(task.end, i + 7777)));
    return reader.finishPart();
  };
}

function snapshot(t: RawTable) {
  return { headers: headersOf(t), rows: rowsOf(t), src: Array.from(t.sourceRows), errors: t.readerErrors, read: t.rowsRead, enc: t.encoding, format: t.format };
}

/** A patient-like CSV with ids, dates, quoted commas, blank lines and a few ragged rows. */
function extract(rows: number, seed: number, eol = '\n'): string {
  const rnd = seeded(seed);
  const lines = ['patient_id,referral_date,centre_name,note'];
  for (let i = 0; i < rows; i++) {
    const date = `2021-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const centre = rnd() < 0.5 ? '"Oakenham, North"' : 'Yarrobury General Hospital NHS Trust';
    const note = rnd() < 0.02 ? '' : rnd() < 0.5 ? 'ok' : '"said ""hi"""';
    lines.push(rnd() < 0.01 ? `P${i},${date}` : `P${i},${rnd() < 0.05 ? '' : date},${centre},${note}`);
    if (rnd() < 0.01) lines.push('');
  }
  return lines.join(eol) + eol;
}

describe('readDelimitedInParts', () => {
  it('gives exactly the table of a single pass, row numbers and errors included', async () => {
    for (const eol of ['\n', '\r\n']) {
      const bytes = utf8(extract(20_000, 3, eol));
      const calls: PartTask[] = [];
      const parts = await readDelimitedInParts(bytes, 'big.csv', {}, inThread(bytes, calls), 1000);
      expect(calls).toHaveLength(1);
      expect(calls[0].start).toBeGreaterThan(bytes.length / 2 - 1);
      const whole = readDelimited(bytes, 'big.csv');
      expect(whole.readerErrors.length).toBeGreaterThan(0);
      expect(snapshot(parts)).toEqual(snapshot(whole));
    }
  });

  it('merges dictionaries: a value seen in both halves has one code', async () => {
    const lines = ['k'];
    for (let i = 0; i < 4000; i++) lines.push(i % 2 ? 'same' : `v${i % 300}`);
    const bytes = utf8(lines.join('\n'));
    const t = await readDelimitedInParts(bytes, 'x.csv', {}, inThread(bytes), 1000);
    expect(t.columns[0].dictionary.filter((d) => d === 'same')).toHaveLength(1);
    expect(t.columns[0].dictionary).toHaveLength(151);
    expect(rowsOf(t).map((r) => r[0])).toEqual(lines.slice(1));
  });

  it('falls back to one pass when the split lands inside a quoted value', async () => {
    const long = 'x\n'.repeat(5000);
    const bytes = utf8(`a,b\n1,"${long}"\n2,3\n`);
    const t = await readDelimitedInParts(bytes, 'q.csv', {}, inThread(bytes), 1000);
    expect(snapshot(t)).toEqual(snapshot(readDelimited(bytes, 'q.csv')));
    expect(t.rowCount).toBe(2);
  });

  it('falls back to one pass when the helper fails, and for Windows-1252 keeps the encoding decision', async () => {
    const bytes = utf8(extract(5000, 9));
    const t = await readDelimitedInParts(bytes, 'x.csv', {}, () => Promise.reject(new Error('worker died')), 1000);
    expect(snapshot(t)).toEqual(snapshot(readDelimited(bytes, 'x.csv')));
    // A last row whose note is "£" in Windows-1252 (0xA3): not valid UTF-8, and in the helper's half.
    const odd = utf8(extract(5000, 9) + 'P9,2021-01-01,X,~\n');
    odd[odd.length - 2] = 0xa3;
    const p = await readDelimitedInParts(odd, 'x.csv', {}, inThread(odd), 1000);
    expect(p.encoding).toBe('windows-1252');
    expect(rowsOf(p).at(-1)).toEqual(['P9', '2021-01-01', 'X', '£']);
    expect(snapshot(p)).toEqual(snapshot(readDelimited(odd, 'x.csv')));
  });

  it('reads small files in one pass without asking the helper', async () => {
    const bytes = utf8(extract(100, 1));
    const calls: PartTask[] = [];
    const t = await inParts(bytesSource(bytes), 'small.csv', {}, inThread(bytes, calls));
    expect(calls).toHaveLength(0);
    expect(snapshot(t)).toEqual(snapshot(readDelimited(bytes, 'small.csv')));
  });

  it('lineStartAfter finds the start of the next line', () => {
    const b = utf8('ab\ncd\nef');
    expect(lineStartAfter(b, 0)).toBe(3);
    expect(lineStartAfter(b, 3)).toBe(6);
    expect(lineStartAfter(b, 6)).toBe(-1);
  });

  it('partBuffers lists the transferable buffers of a part', () => {
    const r = createPartReader({ fileName: 'x', delimiter: ',', ncols: 2, bytesTotal: 10 });
    r.push(utf8('1,2\n3,4\n'));
    const part = r.finishPart();
    expect(part.rows).toBe(2);
    expect(partBuffers(part).length).toBe(1 + 3 * 2);
  });
});
