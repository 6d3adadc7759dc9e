import { screen, within } from '@testing-library/react';

/** A table's body rows as text, one array of cells per row (the last table by default). */
export function tableRows(
  table = screen.getAllByRole('table').at(-1)!,
): string[][] {
  return within(table)
    .getAllByRole('row')
    .filter(row => row.querySelector('td'))
    .map(row =>
      Array.from(row.querySelectorAll('td')).map(
        cell => cell.textContent ?? '',
      ),
    );
}
