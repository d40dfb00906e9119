// Rewrites docs/demo.md from the demo library: `npx tsx src/server/demo/writeDemoDocs.ts`.
import { writeFileSync } from 'node:fs';
import { renderDemoDocs } from './docs.ts';
import { DEMO_DOCS_PATH } from './docsPath.ts';

writeFileSync(DEMO_DOCS_PATH, renderDemoDocs());
console.log(`Wrote ${DEMO_DOCS_PATH}`);
