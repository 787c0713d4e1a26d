/** Templates longer than this are not parsed just to order keys for display. */
const MAX_TEMPLATE_CHARS = 200_000;

/** A JSON template's shape; a value that is a whole `{{…}}` (not JSON text) counts as null. */
export function templateShape(template: string): unknown {
  if (template.length > MAX_TEMPLATE_CHARS) return undefined;
  try {
    return JSON.parse(template.replace(/([:[,]\s*)\{\{[^{}]{0,500}\}\}/g, '$1null'));
  } catch {
    return undefined;
  }
}
