import type { formatComment } from "@concord/discussion/comment-format";
import { useEffect, useState } from "react";

type Format = typeof formatComment;

let loaded: Format | null = null;
let loading: Promise<Format> | null = null;

/**
 * Loads the comment formatter on its own: markdown-it is a large part of the app's code, and a page
 * should not wait for it before showing a transcript. Starts once; later calls share the load.
 */
export function loadCommentFormatter(): Promise<Format> {
  loading ??= import("@concord/discussion/comment-format").then((module) => {
    loaded = module.formatComment;
    return loaded;
  });
  return loading;
}

/** The formatter once it has loaded (at once if it already has), null until then. */
export function useCommentFormatter(): Format | null {
  const [format, setFormat] = useState<Format | null>(() => loaded);
  useEffect(() => {
    if (format) return;
    let live = true;
    void loadCommentFormatter().then((f) => {
      if (live) setFormat(() => f);
    });
    return () => {
      live = false;
    };
  }, [format]);
  return format;
}
