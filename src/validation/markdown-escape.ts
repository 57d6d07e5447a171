/**
 * Text a visitor typed, made inert in Markdown-rendering surfaces (Adaptive
 * Card TextBlock and FactSet values in Teams, the `leads show` brief): an
 * organisation called `[Click](https://evil.example)` shows as those
 * characters, not as a live link; `**`, `_`, headings, list markers and
 * HTML-like tags lose their meaning too. Backslash escapes are what
 * CommonMark, markdown-it (Web Chat) and Teams all honour.
 */

// Brackets are enough to stop links and images ("(" and "!" only act next to them), so
// an "Acme (UK)" stays readable wherever a client shows escapes literally.
const INLINE = /([\\`*_[\]<>])/g;

export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(INLINE, '\\$1')
      // A line that starts like a list, a quote or a heading ("- ", "+ ", "1. ", "> ", "# ") would be one;
      // "+44 20…" or "-1-1" (no space after) would not, and stays as typed.
      .replace(/^(\s*)([-+>]|#{1,6})(?=\s|$)/gm, '$1\\$2')
      .replace(/^(\s*)(=+\s*)$/gm, '$1\\$2')
      .replace(/^(\s*\d+)([.)])(?=\s|$)/gm, '$1\\$2')
      // Bare addresses are linkified by some clients: break the scheme so it stays text.
      .replace(/\b(https?|ftp|file|javascript|data):/gi, '$1\u200b:')
  );
}
