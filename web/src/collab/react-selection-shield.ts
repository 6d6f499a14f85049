/**
 * Keeps React from measuring the selection inside `editable`, a contenteditable element that
 * ProseMirror owns.
 *
 * On every commit while a contenteditable has the focus, React walks that element's whole DOM to
 * note where the selection is, so as to put it back should the commit move it (React DOM's
 * `getSelectionInformation`). For a transcript of 50,000 words that walk was most of every commit:
 * 30–40 ms, paid for a label or a colleague's avatar changing. React never renders inside this element,
 * so there is nothing for it to put back. React asks `element.contentEditable === "true"`: here that
 * property reads "prosemirror:true" instead, while the attribute itself, which is what makes the text
 * editable for the browser, for ProseMirror and for assistive technology, is left as it is.
 */
export function shieldFromReactSelection(editable: HTMLElement): void {
  Object.defineProperty(editable, "contentEditable", {
    configurable: true,
    get: () => `prosemirror:${editable.getAttribute("contenteditable") ?? "inherit"}`,
    set: (value: string) => editable.setAttribute("contenteditable", value),
  });
}
