// The layers of the project, checked in `npm test` (npm run depcruise). Why: README "Architectuur"
// and docs/decisions/017-runtime-and-checks.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules form a tree: a cycle is a bug in waiting. Shared constants go down into a leaf module.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-imports-only-core",
      severity: "error",
      comment: "app/core is the pure domain: it imports npm packages and itself, nothing else of ours (its tests may load the real content).",
      from: { path: "^app/core/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^(app/(?!core/)|server/|tests/|bench/|scripts/|content/|public/)" },
    },
    {
      name: "core-has-no-io",
      severity: "error",
      comment: "app/core does no I/O: no Node built-ins (tests beside it may).",
      from: { path: "^app/core/", pathNot: "\\.test\\.tsx?$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "pages-never-import-server",
      severity: "error",
      comment: "Routes and components reach state through context.services; importing server/ makes a second copy (remix-run/remix #9202).",
      from: { path: "^app/(routes|components)/" },
      to: { path: "^server/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|node_modules|coverage)/" },
    // Type-only imports count: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
