// Reads content/evaluation.yaml: the questions of the session evaluation. A problem throws
// ContentError naming the file and the field, like loadContent.
import path from "node:path";
import { ContentError, readYamlFile } from "./content.server";
import { type EvaluationForm, parseEvaluationForm } from "./core/evaluation";

export const EVALUATION_FILE = "evaluation.yaml";

export function loadEvaluation(contentDir: string): EvaluationForm {
  const file = path.join(contentDir, EVALUATION_FILE);
  const parsed = parseEvaluationForm(file, readYamlFile(file));
  if (!parsed.ok) throw new ContentError(parsed.message);
  return parsed.form;
}
