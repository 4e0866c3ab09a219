import { NamingRule } from '../core';

/**
 * Google Cloud project ids: 6 to 30 characters, optionally domain-scoped (`example.com:my-project`).
 * @see https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin
 */
export const GCP_PROJECT_ID_RULE: NamingRule = {
  pattern: /^(?:[a-z0-9][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  description: 'a project id: 6 to 30 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (optionally domain-scoped, "example.com:my-project")',
};
