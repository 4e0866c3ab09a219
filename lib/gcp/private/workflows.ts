/**
 * Cloud Workflows, as the constructs that write workflow source or request bodies a workflow
 * sends use it: what an expression looks like, and the workflow source as Terraform takes it.
 *
 * @see https://cloud.google.com/workflows/docs/reference/syntax/expressions
 */

/** Whether `value` is one Workflows expression (`${…}`): request builders pass such values through unchecked. */
export function isWorkflowsExpression(value: string): boolean {
  return value.startsWith('${') && value.endsWith('}');
}

/**
 * A workflow source as Terraform's `source_contents` must hold it: Terraform reads `${` and `%{`
 * in a string as its own template syntax, so Workflows expressions are escaped as `$${` and
 * `%%{`, which Terraform turns back into `${` and `%{`.
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */
export function terraformEscapedSource(source: string): string {
  return source.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * The concatenation of `parts` as one value: the plain text when no part is a Workflows
 * expression, else one expression `${"text" + (expr) + …}` (Workflows reads an expression only as
 * a whole value, never inside a text).
 */
export function workflowsConcat(parts: string[]): string {
  if (!parts.some(isWorkflowsExpression)) {
    return parts.join('');
  }
  const terms = parts.filter((part) => part !== '').map((part) => (isWorkflowsExpression(part)
    ? `(${part.slice(2, -1)})`
    : JSON.stringify(part)));
  return `\${${terms.join(' + ')}}`;
}
