import { renderTable } from './table';

/** The terminal table: cli-table3's drawing and the line-by-line layout for long tables give the same text. */

const head = ['id', 'name', 'booking (London)', 'organisation'];
const rows = [
  ['lead-1', 'Ada Lovelace', 'Wed 2 Dec, 09:00–09:30 confirmed', 'Analytical Engines Ltd'],
  ['lead-22', 'Zoë Ñúñez', 'not booked', 'Café & Co'],
  ['lead-333', '', '-', 'X'],
];

it('one header line, columns as wide as their longest cell plus two spaces, no trailing spaces', () => {
  expect(renderTable(head, rows)).toBe(
    [
      'id        name          booking (London)                  organisation',
      'lead-1    Ada Lovelace  Wed 2 Dec, 09:00–09:30 confirmed  Analytical Engines Ltd',
      'lead-22   Zoë Ñúñez     not booked                        Café & Co',
      'lead-333                -                                 X',
      '',
    ].join('\n'),
  );
});

it('the long-table layout is the same text as cli-table3 draws', () => {
  expect(renderTable(head, rows, { linear: true })).toBe(renderTable(head, rows));
});
