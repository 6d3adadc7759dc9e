/**
 * A Testing Library matcher for text that several elements put together
 * (such as "Last saved … by <name>"): the innermost element whose whole
 * text matches.
 */
export function innermostText(pattern: RegExp) {
  return (_content: string, element: Element | null): boolean =>
    !!element &&
    pattern.test(element.textContent ?? '') &&
    !Array.from(element.children).some(child =>
      pattern.test(child.textContent ?? ''),
    );
}
