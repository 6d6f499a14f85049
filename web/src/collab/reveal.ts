/**
 * Scrolls an element of the transcript to the middle of its scrolling frame. Turns far from the screen
 * are not laid out (`content-visibility: auto`), so the first scroll aims with estimated heights; the
 * turns it brings on screen then take their real size. Aim again once they have, until it holds.
 */
export function reveal(element: Element, attempts = 4): void {
  element.scrollIntoView({ block: "center" });
  if (attempts <= 1) return;
  requestAnimationFrame(() => {
    const box = element.getBoundingClientRect();
    const frame = element.closest(".editor-frame")?.getBoundingClientRect();
    const top = frame?.top ?? 0;
    const bottom = frame?.bottom ?? window.innerHeight;
    if (box.top < top || box.bottom > bottom) reveal(element, attempts - 1);
  });
}
