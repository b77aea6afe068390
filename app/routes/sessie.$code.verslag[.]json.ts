// /sessie/:code/verslag.json — the whole session as one JSON document, for the host only: no tokens,
// hashes or ids; raters by pseudonym; names, the presence list and flagged texts only as the host
// chose on the report page (?namen=1&presentie=1&gemarkeerd=1). Streamed from the log like the CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { revealContent } from "~/components/results/reveal-content";
import { sessionDay, streamedDownload } from "~/csv-response.server";
import { parseReportOptions, namesShown, resultsForReport } from "~/core/report";
import { tipsForSession } from "~/core/tip-rules";
import { requireSessionRecord } from "~/host-auth.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  const { content, tipRules, evaluation, now } = context.services;
  const options = parseReportOptions(new URL(request.url).searchParams);
  const reveal = revealContent(content);
  const results = record.results ? resultsForReport(record.results.results, namesShown(record, options)) : null;
  const tips = results ? tipsForSession(tipRules, results, { behaviourLabels: reveal.behaviourLabels }) : null;
  const bytes = context.services.sessions.download(record, {
    kind: "json",
    options,
    ctx: { exportedAt: now().getTime(), tips, evaluationQuestions: evaluation.questions, elementNames: reveal.elementNames },
  });
  return streamedDownload(bytes, "application/json; charset=utf-8", `sessie-${code}-${sessionDay(record.session.createdAt)}.json`, context);
}
