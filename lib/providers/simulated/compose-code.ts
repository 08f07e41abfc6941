/** A short, plausible code sketch in the question's language, named after its key term. */
export function composeCode(language: string, term: string): string {
  const snake = term.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'item';
  const camel = snake.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
  switch (language) {
    case 'typescript':
      return [
        `export function handle${camel[0].toUpperCase()}${camel.slice(1)}(items: string[]): string[] {`,
        `  // Validate first, then transform: keeps the ${term} logic easy to test.`,
        '  return items.filter((item) => item.trim() !== \'\').map((item) => item.trim());',
        '}',
      ].join('\n');
    case 'rust':
      return [
        `fn handle_${snake}(items: &[String]) -> Vec<String> {`,
        `    // Borrow the input; allocate only the ${term} results.`,
        '    items.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()',
        '}',
      ].join('\n');
    case 'go':
      return [
        `func handle${camel[0].toUpperCase()}${camel.slice(1)}(items []string) []string {`,
        '\tout := make([]string, 0, len(items))',
        '\tfor _, item := range items {',
        '\t\tif s := strings.TrimSpace(item); s != "" {',
        '\t\t\tout = append(out, s)',
        '\t\t}',
        '\t}',
        '\treturn out',
        '}',
      ].join('\n');
    case 'sql':
      return [`SELECT id, ${snake}, created_at`, `FROM ${snake}s`, `WHERE ${snake} IS NOT NULL`, 'ORDER BY created_at DESC', 'LIMIT 20;'].join('\n');
    case 'bash':
      return [`# Inspect ${term} step by step`, 'set -euo pipefail', `grep -rn "${snake}" . | head -20`].join('\n');
    default:
      return [
        `def handle_${snake}(items):`,
        `    """Clean the ${term} input before using it."""`,
        '    return [item.strip() for item in items if item.strip()]',
      ].join('\n');
  }
}
