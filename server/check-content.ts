// `npm run content:check`: validates content/ the way the server does at startup.
import path from "node:path";
import { ContentError, loadContent } from "../app/content.server";
import { loadTipRules } from "../app/tip-rules.server";
import { loadEvaluation } from "../app/evaluation.server";

try {
  const dir = path.resolve(process.argv[2] ?? "content");
  const content = loadContent(dir);
  const rules = loadTipRules(dir);
  const evaluation = loadEvaluation(dir);
  console.log(
    `content in orde: ${content.modules.length} modules, ${content.cases.length} casussen, ${rules.length} tipregels, ${evaluation.questions.length} evaluatievragen, handleiding in ${content.guide.sections.length} delen`,
  );
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
