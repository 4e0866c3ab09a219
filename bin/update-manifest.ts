/**
 * Rewrites test/stateful-manifest.json from the current examples. Run it only when a stateful
 * resource was added, or renamed on purpose (a renamed logical id or address replaces the
 * resource and can lose its data), and say why in the commit.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { awsStatefulIds, gcpStatefulIds, MANIFEST_FILE, StatefulManifest } from '../tools/stateful';
import { synthAwsExamples, synthGcpExamples } from '../tools/synth-examples';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-manifest-'));
try {
  const manifest: StatefulManifest = {
    aws: Object.fromEntries(synthAwsExamples(path.join(out, 'cdk.out')).map((s) => [s.name, awsStatefulIds(s.document)])),
    gcp: Object.fromEntries(synthGcpExamples(path.join(out, 'cdktf.out')).map((s) => [s.name, gcpStatefulIds(s.document)])),
  };
  fs.writeFileSync(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  const count = [...Object.values(manifest.aws), ...Object.values(manifest.gcp)].reduce((n, ids) => n + Object.keys(ids).length, 0);
  console.log(`wrote ${path.relative(process.cwd(), MANIFEST_FILE)}: ${count} stateful resources`);
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
