/**
 * `npm run parity:doc`: writes docs/parity.md from the parity table and the code. Refuses while
 * the table and the code disagree (run test/parity.test.ts for the details).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readEntryPoint } from '../api/model';
import { libraryApiProgram, REPO_ROOT } from '../api/program';
import { checkParity } from './compare';
import { CLOUD_ONLY_CONSTRUCTS, PARITY_CONCEPTS } from './concepts';
import { PARITY_DOC, renderParityDoc } from './render';

const api = libraryApiProgram();
const result = checkParity(api, { aws: readEntryPoint(api, 'lib/aws/index.ts'), gcp: readEntryPoint(api, 'lib/gcp/index.ts') }, PARITY_CONCEPTS, CLOUD_ONLY_CONSTRUCTS);
if (result.problems.length > 0) {
  console.error(`The parity table and the code disagree; fix these first:\n- ${result.problems.join('\n- ')}`);
  process.exit(1);
}
const file = path.join(REPO_ROOT, PARITY_DOC);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderParityDoc(result));
console.log(`wrote ${PARITY_DOC}`);
