import Table from 'cli-table3';
import stringWidth from 'string-width';

/**
 * A plain table for the terminal: a header row, columns sized to their
 * contents (display width, via string-width), two spaces between columns, no
 * colour codes, no box lines.
 *
 * cli-table3 draws it, but its layout takes time that grows with the square
 * of the rows (a 200-row table ~150 ms, 10,000 leads minutes), so a longer
 * table is laid out here line by line in the same shape: the same widths, the
 * same gaps, the same trimmed line ends. table.test.ts holds the two to the
 * same output.
 */

export const CLI_TABLE_MAX_ROWS = 200;
const GAP = 2;
const NO_LINES = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '',
};

export function renderTable(head: string[], rows: string[][], opts: { linear?: boolean } = {}): string {
  const all = [head, ...rows];
  // Each cell measured once: the widths of 10,000 rows are most of the work.
  const widths = all.map((row) => head.map((_, i) => stringWidth(row[i] ?? '')));
  const colWidths = head.map((_, i) => widths.reduce((max, w) => Math.max(max, w[i]), 0) + GAP);
  const lines = opts.linear || rows.length > CLI_TABLE_MAX_ROWS ? linear(colWidths, all, widths) : drawn(colWidths, head, rows);
  // Trailing padding is noise in a terminal and in a diff.
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

function drawn(colWidths: number[], head: string[], rows: string[][]): string[] {
  const table = new Table({ head, colWidths, style: { head: [], border: [], 'padding-left': 0, 'padding-right': GAP, compact: true }, chars: NO_LINES });
  table.push(...rows);
  return table.toString().split('\n');
}

function linear(colWidths: number[], rows: string[][], widths: number[][]): string[] {
  return rows.map((row, r) => colWidths.map((w, i) => (row[i] ?? '') + ' '.repeat(Math.max(0, w - widths[r][i]))).join(''));
}
