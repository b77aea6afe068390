// The report's part about the OT method: which method, and every round held with its start, how
// long it took and how long it was planned. Times are formatted by the loader (the report's time zone).
export interface AgendaReportRow {
  title: string;
  from: string;
  minutes: number | null;
  planned: number;
}

export function AgendaReport({ title, rounds }: { title: string; rounds: AgendaReportRow[] }) {
  return (
    <section className="report-section" aria-labelledby="method-h">
      <h2 id="method-h">{`Werkvorm: ${title}`}</h2>
      {rounds.length === 0 ? (
        <p>De begeleider heeft geen ronde gestart.</p>
      ) : (
        <table className="report-table">
          <caption className="visually-hidden">Gehouden rondes</caption>
          <thead>
            <tr>
              <th scope="col">Ronde</th>
              <th scope="col">Begin</th>
              <th scope="col" className="num">
                Duur
              </th>
              <th scope="col" className="num">
                Gepland
              </th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.title}</th>
                <td>{r.from}</td>
                <td className="num">{r.minutes === null ? "liep nog" : `${r.minutes} min`}</td>
                <td className="num">{r.planned} min</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
