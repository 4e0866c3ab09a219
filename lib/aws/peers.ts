// Runs first when mlops-constructs/aws loads (the first import of lib/aws/index.ts): a missing
// aws-cdk-lib or constructs is reported by name, with the install command.
import { requirePeers } from '../core/peers';

requirePeers('mlops-constructs/aws', require.resolve);
