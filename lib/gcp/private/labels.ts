/** The labels every labelled resource of the library carries, so a project's bill and inventory show what it manages. */
export const MANAGED_BY_LABELS: Readonly<Record<string, string>> = { 'managed-by': 'mlops-constructs' };

/** The library's labels, then `extra` (`{ 'managed-by': 'mlops-constructs', ...extra }`). */
export function managedLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { ...MANAGED_BY_LABELS, ...extra };
}
