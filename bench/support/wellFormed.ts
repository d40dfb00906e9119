// A small well-formedness check for the markup benchmarks write (the SVG charts): every tag closed,
// in order. Enough to catch a chart generator's slip without an XML parser in the dependencies.

/** Tags opened and not closed (or a closing tag out of order): empty for well-formed markup. */
export function unclosedTags(markup: string): string[] {
  const open: string[] = [];
  for (const [tag, closing, name, selfClosing] of markup.matchAll(
    /<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g,
  )) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.at(-1) === name) open.pop();
    else return [...open, `unexpected ${tag}`];
  }
  return open;
}
