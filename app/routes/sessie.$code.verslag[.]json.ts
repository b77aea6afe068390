// /sessie/:code/verslag.json — the whole session as one JSON document, for the host only: no tokens,
// hashes or ids; raters by pseudonym; names, the presence list and flagged texts only as the host
// chose on the report page (?namen=1&presentie=1&gemarkeerd=1).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { revealContent } from "~/components/results/reveal-content";
import { parseReportOptions, namesShown, resultsForReport, sessionJson } from "~/core/report";
import { tipsForSession } from "~/core/tip-rules";
import { requireSessionRecord } from "~/host-auth.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  const { content, tipRules, evaluation, now } = context.services;
  const options = parseReportOptions(new URL(request.url).searchParams);
  const reveal = revealContent(content);
  const results = record.results ? resultsForReport(record.results.results, namesShown(record, options)) : null;
  const tips = results ? tipsForSession(tipRules, results, { behaviourLabels: reveal.behaviourLabels }) : null;
  const body = sessionJson(record, options, {
    exportedAt: now().getTime(),
    tips,
    evaluationQuestions: evaluation.questions,
    elementNames: reveal.elementNames,
  });
  const day = new Date(record.session.createdAt).toISOString().slice(0, 10);
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="sessie-${code}-${day}.json"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
