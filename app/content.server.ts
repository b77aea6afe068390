// Reads content/ once, validates every file with its zod schema and checks the
// cross-references between files. Any problem throws ContentError naming file and field.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { type ElementId, GUIDE_SECTIONS } from "./core/domain";
import {
  type CaseFile,
  caseSchema,
  describeIssues,
  type ElementsFile,
  elementsFileSchema,
  type GuideFrontmatter,
  type MethodFile,
  methodSchema,
  guideFrontmatterSchema,
  type ModuleFrontmatter,
  moduleFrontmatterSchema,
  type ResearchFile,
  researchFileSchema,
  type RoleplayGuideFrontmatter,
  roleplayGuideSchema,
  type Tip,
  tipsFileSchema,
  type WerkbladFile,
  werkbladFileSchema,
} from "./core/content-schema";
import { renderMarkdown, splitSections } from "./core/markdown";
import type { ReferenceMoment } from "./core/practice";
import { SearchIndex } from "./core/search";

export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContentError";
  }
}

export interface Module extends ModuleFrontmatter {
  slug: string;
  html: string;
  /** The markdown source, for search. */
  source: string;
}

export interface Case extends CaseFile {
  slug: string;
  situationHtml: string;
}

/** An OT method (content/methods/<id>.yaml): a session template of timed rounds. */
export interface Method extends MethodFile {
  id: string;
}

export interface GuideSection {
  /** The anchor, from `## Titel {#id}`; stable when the title is reworded. */
  id: string;
  title: string;
  html: string;
  /** The section's markdown, for the search index. */
  source: string;
}

/** The facilitator's guide, /begeleiden. */
export interface Guide extends GuideFrontmatter {
  sections: GuideSection[];
}

export const GUIDE_FILE = "begeleiden.md";

/** How every role-play is run (reading, playing, de-roling, debrief), /casussen/:slug/rollenspel. */
export interface RoleplayGuide extends RoleplayGuideFrontmatter {
  html: string;
}

export const ROLEPLAY_GUIDE_FILE = "rollenspel.md";

export interface Content {
  elements: ElementsFile;
  tips: Tip[];
  werkblad: WerkbladFile;
  research: ResearchFile;
  modules: Module[];
  cases: Case[];
  guide: Guide;
  roleplayGuide: RoleplayGuide;
  /** OT methods as session templates, in their order. */
  methods: Method[];
  /** Every behaviour and stroefheid signal by id, with the element it belongs to. */
  behaviourIndex: Map<string, { elementId: ElementId; label: string; description: string }>;
  search: SearchIndex;
}

function parseFile<S extends z.ZodType>(file: string, raw: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ContentError(describeIssues(file, result.error));
  return result.data;
}

/** Reads one content file as text; a missing or unreadable file is a ContentError naming it. */
function readContentFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new ContentError(`${file}: (bestand): ontbreekt of is niet leesbaar`);
  }
}

/** Reads and parses one YAML file; a missing or malformed file is a ContentError naming it. */
export function readYamlFile(file: string): unknown {
  const text = readContentFile(file);
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ContentError(`${file}: (bestand): geen geldige YAML: ${(error as Error).message}`);
  }
}

function readYaml(dir: string, name: string): { file: string; raw: unknown } {
  const file = path.join(dir, name);
  return { file, raw: readYamlFile(file) };
}

/** Splits `---\nfrontmatter\n---\nbody`. */
export function splitFrontmatter(file: string, text: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new ContentError(`${file}: (bestand): frontmatter tussen --- ontbreekt`);
  try {
    return { data: parseYaml(match[1]), body: match[2] };
  } catch (error) {
    throw new ContentError(`${file}: frontmatter: geen geldige YAML: ${(error as Error).message}`);
  }
}

function slugOf(name: string): string {
  return name.replace(/\.(md|ya?ml)$/, "");
}

function listFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort();
}

/**
 * Reads the guide: frontmatter, then sections that each open with `## Titel {#id}`. Every problem
 * (no id, a repeated id, a section the app links to missing, text before the first section) names the file.
 */
export function loadGuide(contentDir: string): Guide {
  const file = path.join(contentDir, GUIDE_FILE);
  const { data, body } = splitFrontmatter(file, readContentFile(file));
  const front = parseFile(file, data, guideFrontmatterSchema);
  const { before, sections } = splitSections(body);
  const problems: string[] = [];
  if (before.trim()) problems.push(`${file}: (tekst): tekst vóór de eerste ##-kop; een inleiding hoort in summary`);
  const seen = new Set<string>();
  const parsed = sections.map(({ heading, body: sectionBody }) => {
    const match = /^(.*?)\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}$/.exec(heading.trim());
    if (!match) problems.push(`${file}: ## ${heading}: kop zonder anker, schrijf "## ${heading} {#een-id}"`);
    const id = match?.[2] ?? "";
    if (id && seen.has(id)) problems.push(`${file}: ## ${heading}: anker "${id}" komt twee keer voor`);
    seen.add(id);
    return { id, title: match?.[1] ?? heading, html: renderMarkdown(sectionBody), source: sectionBody };
  });
  for (const id of Object.values(GUIDE_SECTIONS)) {
    if (!seen.has(id)) problems.push(`${file}: sections: de app linkt naar een ##-kop met {#${id}}, maar die ontbreekt`);
  }
  if (problems.length) throw new ContentError(problems.join("\n"));
  return { ...front, sections: parsed };
}

/** Reads content/rollenspel.md: the run sheet, de-roling and debrief shared by every role-play. */
export function loadRoleplayGuide(contentDir: string): RoleplayGuide {
  const file = path.join(contentDir, ROLEPLAY_GUIDE_FILE);
  const { data, body } = splitFrontmatter(file, readContentFile(file));
  return { ...parseFile(file, data, roleplayGuideSchema), html: renderMarkdown(body) };
}

export function loadContent(contentDir: string): Content {
  const y = (name: string) => readYaml(contentDir, name);
  const elementsRaw = y("elements.yaml");
  const elements = parseFile(elementsRaw.file, elementsRaw.raw, elementsFileSchema);
  const tipsRaw = y("tips.yaml");
  const tips = parseFile(tipsRaw.file, tipsRaw.raw, tipsFileSchema).tips;
  const werkbladRaw = y("werkblad.yaml");
  const werkblad = parseFile(werkbladRaw.file, werkbladRaw.raw, werkbladFileSchema);
  const researchRaw = y("research.yaml");
  const research = parseFile(researchRaw.file, researchRaw.raw, researchFileSchema);

  const moduleDir = path.join(contentDir, "modules");
  const modules: Module[] = listFiles(moduleDir, /\.md$/).map((name) => {
    const file = path.join(moduleDir, name);
    const { data, body } = splitFrontmatter(file, readFileSync(file, "utf8"));
    const front = parseFile(file, data, moduleFrontmatterSchema);
    return { ...front, slug: slugOf(name), html: renderMarkdown(body), source: body };
  });
  modules.sort((a, b) => a.order - b.order);

  const caseDir = path.join(contentDir, "cases");
  const cases: Case[] = listFiles(caseDir, /\.ya?ml$/).map((name) => {
    const { file, raw } = readYaml(caseDir, name);
    const data = parseFile(file, raw, caseSchema);
    return { ...data, slug: slugOf(name), situationHtml: renderMarkdown(data.situation) };
  });

  const methodDir = path.join(contentDir, "methods");
  const methods: Method[] = listFiles(methodDir, /\.ya?ml$/)
    .map((name) => {
      const { file, raw } = readYaml(methodDir, name);
      return { ...parseFile(file, raw, methodSchema), id: slugOf(name) };
    })
    .sort((a, b) => a.order - b.order);

  const guide = loadGuide(contentDir);
  const content: Content = {
    elements,
    tips: [...tips].sort((a, b) => a.number - b.number),
    werkblad,
    research,
    modules,
    cases,
    guide,
    roleplayGuide: loadRoleplayGuide(contentDir),
    methods,
    behaviourIndex: new Map(),
    search: new SearchIndex([
      ...modules.map((m) => ({ kind: "module" as const, slug: m.slug, title: m.title, summary: m.summary, body: m.source })),
      ...cases.map((c) => ({
        kind: "casus" as const,
        slug: c.slug,
        title: c.title,
        summary: c.summary,
        body: [c.situation, c.persona.description, ...c.turns.map((t) => t.text)].join("\n"),
      })),
      ...guide.sections.map((g) => ({ kind: "handleiding" as const, slug: g.id, title: g.title, summary: "", body: g.source })),
    ]),
  };
  for (const element of elements.elements) {
    for (const b of element.behaviours) {
      if (content.behaviourIndex.has(b.id)) {
        throw new ContentError(`${elementsRaw.file}: ${element.id}.behaviours.${b.id}: id komt twee keer voor`);
      }
      content.behaviourIndex.set(b.id, { elementId: element.id, label: b.label, description: b.description });
    }
  }
  checkReferences(contentDir, content);
  return content;
}

function checkReferences(contentDir: string, content: Content): void {
  const problems: string[] = [];
  const elementIds = new Set(content.elements.elements.map((e) => e.id));
  if (elementIds.size !== 4) problems.push(`${contentDir}/elements.yaml: elements: elk element precies één keer`);
  const tipIds = new Set(content.tips.map((t) => t.id));
  if (tipIds.size !== content.tips.length) problems.push(`${contentDir}/tips.yaml: tips: dubbele id`);
  const caseSlugs = new Set(content.cases.map((c) => c.slug));
  const known = (id: string) => content.behaviourIndex.has(id);

  for (const tip of content.tips) {
    tip.behaviours.forEach((id, i) => {
      if (!known(id)) problems.push(`${contentDir}/tips.yaml: ${tip.id}.behaviours.${i}: onbekend gedrag "${id}"`);
    });
  }
  for (const m of content.modules) {
    const file = `${contentDir}/modules/${m.slug}.md`;
    m.covers.behaviours.forEach((id, i) => {
      if (!known(id)) problems.push(`${file}: covers.behaviours.${i}: onbekend gedrag "${id}"`);
    });
    m.cases.forEach((slug, i) => {
      if (!caseSlugs.has(slug)) problems.push(`${file}: cases.${i}: onbekende casus "${slug}"`);
    });
  }
  content.guide.yearPlan.forEach((meeting, i) =>
    meeting.cases.forEach((slug, j) => {
      if (!caseSlugs.has(slug)) problems.push(`${contentDir}/${GUIDE_FILE}: yearPlan.${i}.cases.${j}: onbekende casus "${slug}"`);
    }),
  );
  for (const c of content.cases) {
    const file = `${contentDir}/cases/${c.slug}.yaml`;
    c.turns.forEach((turn, i) =>
      turn.moments.forEach((moment, j) => {
        if (!known(moment.id)) problems.push(`${file}: turns.${i}.moments.${j}.id: onbekend gedrag "${moment.id}"`);
        else if (content.behaviourIndex.get(moment.id)!.elementId !== "stroefheid" && !c.applicableBehaviours.includes(moment.id)) {
          problems.push(`${file}: turns.${i}.moments.${j}.id: "${moment.id}" komt in dit gesprek voor, dus hoort het in applicableBehaviours`);
        }
      }),
    );
    c.applicableBehaviours.forEach((id, i) => {
      if (!known(id)) problems.push(`${file}: applicableBehaviours.${i}: onbekend gedrag "${id}"`);
      else if (content.behaviourIndex.get(id)!.elementId === "stroefheid") problems.push(`${file}: applicableBehaviours.${i}: "${id}" is een signaal van stroefheid, geen gedrag`);
    });
  }
  if (problems.length) throw new ContentError(problems.join("\n"));
}

/** All reference moments of a case, flattened, with the index of the turn they belong to. */
export function referenceMoments(c: CaseFile): ReferenceMoment[] {
  return c.turns.flatMap((turn, turnIndex) => turn.moments.map((m) => ({ ...m, turnIndex, t: turn.t })));
}
