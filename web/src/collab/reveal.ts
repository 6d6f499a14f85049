/**
 * Scrolls an element of the transcript to the middle of its scrolling frame. Turns far from the screen
 * are not laid out (`content-visibility: auto`), so the first scroll aims with estimated heights; the
 * turns it brings on screen take their real size a few frames later (more on a busy machine). Aim
 * again each frame while the element is off screen, for about a second, unless the person scrolls.
 */
export function reveal(element: Element, frames = 60): void {
  const frame = element.closest(".editor-frame");
  element.scrollIntoView({ block: "center" });
  let expected = frame?.scrollTop ?? 0;
  const aim = (left: number) => {
    if (left <= 0 || !element.isConnected) return;
    requestAnimationFrame(() => {
      // Someone scrolled in between (the person, or a newer aim): theirs is the last word.
      if (frame && Math.abs(frame.scrollTop - expected) > 1) return;
      const box = element.getBoundingClientRect();
      const area = frame?.getBoundingClientRect();
      const top = area?.top ?? 0;
      const bottom = area?.bottom ?? window.innerHeight;
      if (box.top < top || box.bottom > bottom) {
        element.scrollIntoView({ block: "center" });
        expected = frame?.scrollTop ?? 0;
      }
      aim(left - 1);
    });
  };
  aim(frames);
}
