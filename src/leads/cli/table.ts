import Table from 'cli-table3';

/** A plain table for the terminal (cli-table3): a header row, columns sized to their contents, no colour codes, no box lines. */
export function renderTable(head: string[], rows: string[][]): string {
  const table = new Table({
    head,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2, compact: true },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '',
      right: '', 'right-mid': '', middle: '',
    },
  });
  table.push(...rows);
  // Trailing padding is noise in a terminal and in a diff.
  return `${table.toString().split('\n').map((line) => line.trimEnd()).join('\n')}\n`;
}
