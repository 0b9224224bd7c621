/**
 * How far V8 optimises JavaScript while `msvw analyse` tallies a file as it streams.
 *
 * There the record walker (WebAssembly) reads nearly every row; JavaScript reads only the few
 * thousand rows per thread the walker hands over while it learns a chunk's centre codes and dates
 * (about 4,800 of the benchmark extract's 500,000 per thread). Those few are enough to make V8
 * compile the scanner's row functions with its optimising compiler (TurboFan), once per thread:
 * `--trace-opt` counted 50 compilations taking about 350 ms of CPU (the largest 55 ms for one
 * function), on the same two cores the scan runs on, to speed up a few milliseconds of work. So
 * for the tally V8 stops at its baseline compiler (Sparkplug: `--max-opt=1`), and goes back to
 * any tier after it. Measured in alternating runs on the 1M-row benchmark extract: 30 ms less
 * wall time and 92 ms less CPU at the median, faster in 17 of 20 pairs (the flag set from the
 * start of the process instead: 44 ms and 93 ms, 14 of 16). Not for the whole-file
 * path, whose JavaScript reads every value: there the baseline tier alone took four times as
 * long (4.8 s against 1.2 s on a 30 MB extract), and full optimisation is back by then.
 *
 * The flag is process-wide (the scan worker's thread too) and read when V8 decides to optimise a
 * function, so it takes effect at once; code optimised earlier stays optimised. A `--max-opt` the
 * user gave Node themselves is left alone. Setting it below 3 also turns `--turbofan` off (V8
 * implies one from the other), so both are set back; a test checks that a tally that falls back to
 * reading the file whole gets full optimisation again.
 */
import { setFlagsFromString } from 'node:v8';

/** Run `work` with V8's optimising compiler off (baseline tier only), and on again after. */
export async function withBaselineJit<T>(work: () => Promise<T>): Promise<T> {
  if (process.execArgv.some((arg) => arg.startsWith('--max-opt'))) return work();
  setFlagsFromString('--max-opt=1');
  try {
    return await work();
  } finally {
    // --max-opt below 3 also turns --turbofan off (a V8 flag implication): both come back.
    setFlagsFromString('--max-opt=999');
    setFlagsFromString('--turbofan');
  }
}
