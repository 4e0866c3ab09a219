/**
 * sameEnvironment's two readings of accounts and regions that are tokens (an environment-agnostic
 * stack): strict ("known to be the same", for grants written into our policies) and lenient ("not
 * known to differ", for refusing a consumer in another account than its lake).
 */
import { App, Stack } from 'aws-cdk-lib';
import { sameEnvironment } from '../../../lib/aws/private/environment';

const app = new App();
const ireland = new Stack(app, 'Ireland', { env: { account: '111111111111', region: 'eu-west-1' } });
const irelandToo = new Stack(app, 'IrelandToo', { env: { account: '111111111111', region: 'eu-west-1' } });
const virginia = new Stack(app, 'Virginia', { env: { account: '111111111111', region: 'us-east-1' } });
const otherAccount = new Stack(app, 'OtherAccount', { env: { account: '222222222222', region: 'eu-west-1' } });
const agnostic = new Stack(app, 'Agnostic');
const agnosticToo = new Stack(app, 'AgnosticToo');

test.each([
  ['equal literals', true, true, ireland, irelandToo],
  ['another region', false, false, ireland, virginia],
  ['another account', false, false, ireland, otherAccount],
  ['a token and a literal', false, true, agnostic, ireland],
  ['two tokens', true, true, agnostic, agnosticToo],
])('%s: strict %s, lenient %s', (_, strict, lenient, a, b) => {
  expect(sameEnvironment(a, b, { strict: true })).toBe(strict);
  expect(sameEnvironment(a, b, { strict: false })).toBe(lenient);
});
