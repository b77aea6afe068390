// One pipeline for every piece of markdown that reaches a page: marked renders, sanitize-html
// keeps only a small allowlist. Our own content passes through it too, so that the same code
// path is tested with hostile input before participants' text ever uses it.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "b", "i", "blockquote", "ul", "ol", "li", "h2", "h3", "h4",
    "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Relative links to our own pages stay; anything with a scheme outside the list is dropped.
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? "";
      const external = /^https:/i.test(href);
      return {
        tagName,
        attribs: external ? { ...attribs, rel: "noopener noreferrer" } : attribs,
      };
    },
  },
  disallowedTagsMode: "discard",
};

export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, { ...SANITIZE, allowedAttributes: { a: ["href", "title", "rel"] } });
}

export interface MarkdownSection {
  /** The text of the `##` heading that opens the section, as written. */
  heading: string;
  /** The markdown below that heading, up to the next `##` heading. */
  body: string;
}

/**
 * Splits markdown at its second-level headings (as marked reads them, so a `##` inside a code block
 * stays put). `before` is whatever comes before the first one.
 */
export function splitSections(source: string): { before: string; sections: MarkdownSection[] } {
  let before = "";
  const sections: MarkdownSection[] = [];
  for (const token of marked.lexer(source)) {
    if (token.type === "heading" && token.depth === 2) sections.push({ heading: token.text, body: "" });
    else if (sections.length) sections[sections.length - 1].body += token.raw;
    else before += token.raw;
  }
  return { before, sections };
}
