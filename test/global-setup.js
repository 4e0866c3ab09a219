/** Before any test: the Lambda handler bundles exist and are newer than their sources (tools/bundle-handlers.js). */
module.exports = async () => {
  require('../tools/bundle-handlers').bundleHandlers({ ifStale: true });
};
