import { describe, expect, it } from 'vitest';
import { retarget } from '../../../renderer/src/components/report/report-dom';

describe('report CSS moved into the print view\'s shadow root', () => {
  it('aims whole-document selectors at the shadow host', () => {
    expect(retarget('html, body')).toBe(':host, :host');
    expect(retarget('body')).toBe(':host');
    expect(retarget(':root')).toBe(':host');
    expect(retarget('html body .x')).toBe(':host .x');
  });

  it('leaves the report\'s own selectors alone', () => {
    expect(retarget('.msvw-report .page + .page')).toBe('.msvw-report .page + .page');
    expect(retarget('.msvw-report tbody, .msvw-report th')).toBe('.msvw-report tbody, .msvw-report th');
    expect(retarget('.bodyish')).toBe('.bodyish');
    expect(retarget('tbody')).toBe('tbody');
  });
});
