// Reads content/tip-rules.yaml, validates it and checks its behaviour ids against elements.yaml.
// Any problem throws ContentError naming the file and the field, like loadContent.
import path from "node:path";
import { ContentError, readYamlFile as readYaml } from "./content.server";
import { describeIssues, elementsFileSchema } from "./core/content-schema";
import type { ElementId } from "./core/domain";
import { checkTipRuleBehaviours, parseTipRules, type TipRule } from "./core/tip-rules";

export const TIP_RULES_FILE = "tip-rules.yaml";

export function loadTipRules(contentDir: string): TipRule[] {
  const file = path.join(contentDir, TIP_RULES_FILE);
  const parsed = parseTipRules(file, readYaml(file));
  if (!parsed.ok) throw new ContentError(parsed.message);

  const elementsFile = path.join(contentDir, "elements.yaml");
  const elements = elementsFileSchema.safeParse(readYaml(elementsFile));
  if (!elements.success) throw new ContentError(describeIssues(elementsFile, elements.error));
  const behaviourElement = new Map<string, ElementId>();
  for (const element of elements.data.elements) for (const b of element.behaviours) behaviourElement.set(b.id, element.id);

  const problems = checkTipRuleBehaviours(file, parsed.rules, behaviourElement);
  if (problems.length) throw new ContentError(problems.join("\n"));
  return parsed.rules;
}
