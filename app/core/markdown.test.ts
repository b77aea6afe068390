import { describe, expect, it } from "vitest";
import { renderMarkdown, splitSections } from "./markdown";

// The same pipeline will render what participants write, so it must hold against hostile input.
const PAYLOADS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[klik](javascript:alert(1))",
  "[klik](JaVaScRiPt:alert(1))",
  '<a href="javascript:alert(1)">x</a>',
  '<svg onload="alert(1)"><circle/></svg>',
  '<iframe src="https://example.org"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p onclick="alert(1)">klik</p>',
  "![x](x\" onerror=\"alert(1))",
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
  '<form action="https://evil.example"><button>x</button></form>',
  "<<script>script>alert(1)<</script>/script>",
];

describe("renderMarkdown", () => {
  it("renders ordinary markdown", () => {
    const html = renderMarkdown("## Kop\n\nEen **vet** woord en [het kompas](/kompas).\n\n- een\n- twee");
    expect(html).toContain("<h2>Kop</h2>");
    expect(html).toContain("<strong>vet</strong>");
    expect(html).toContain('<a href="/kompas">het kompas</a>');
    expect(html).toContain("<li>een</li>");
  });

  it.each(PAYLOADS)("neutralises %s", (payload) => {
    const html = renderMarkdown(payload).toLowerCase();
    expect(html).not.toMatch(/<script|<iframe|<svg|<img|<form|<style|<math/);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/); // no event handler inside a tag
    expect(html).not.toMatch(/href="(javascript|data):/);
    expect(html).not.toMatch(/<[^>]*style=/);
  });

  it("keeps https links and marks them noopener", () => {
    expect(renderMarkdown("[AKC](https://example.org)")).toContain('rel="noopener noreferrer"');
  });
});

describe("splitSections", () => {
  it("splits at second-level headings only, and leaves a ## inside a code block alone", () => {
    const { before, sections } = splitSections("Intro.\n\n## Een {#een}\n\nTekst.\n\n### Sub\n\n```\n## geen kop\n```\n\n## Twee\n\nMeer.\n");
    expect(before.trim()).toBe("Intro.");
    expect(sections.map((s) => s.heading)).toEqual(["Een {#een}", "Twee"]);
    expect(sections[0].body).toContain("### Sub");
    expect(sections[0].body).toContain("## geen kop");
    expect(sections[1].body.trim()).toBe("Meer.");
  });
});
