// `npm run content:check`: validates content/ the way the server does at startup.
import path from "node:path";
import { ContentError, loadContent } from "../app/content.server";

try {
  const content = loadContent(path.resolve(process.argv[2] ?? "content"));
  console.log(`content in orde: ${content.modules.length} modules, ${content.cases.length} casussen`);
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
