// The one table for scores per element (or per question): a header row, a row header per line,
// numbers right-aligned, and a wrapper a keyboard can scroll on a narrow phone. Used by the reveal,
// the report and self-study, so they read the same way.
import type { ReactNode } from "react";

export interface ScoreColumn {
  /** Header text; the first column is the row headers' column. */
  label: ReactNode;
  num?: boolean;
}

export interface ScoreRow {
  key: string;
  className?: string;
  header: ReactNode;
  /** One cell per column after the first. */
  cells: ReactNode[];
}

export function ScoreTable({
  label,
  caption,
  captionHidden = false,
  columns,
  rows,
  className,
}: {
  /** Names the scrollable region for screen readers. */
  label: string;
  caption: string;
  captionHidden?: boolean;
  columns: ScoreColumn[];
  rows: ScoreRow[];
  className?: string;
}) {
  return (
    // Focusable, so a keyboard can scroll the table on a narrow phone.
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className={className ? `compare-table ${className}` : "compare-table"}>
        <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.num ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.className}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => (
                <td key={i} className={columns[i + 1]?.num ? "num" : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
