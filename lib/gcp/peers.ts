// Runs first when mlops-constructs/gcp loads (the first import of lib/gcp/index.ts): a missing
// cdktf, @cdktf/provider-google or constructs is reported by name, with the install command.
import { requirePeers } from '../core/peers';

requirePeers('mlops-constructs/gcp', require.resolve);
