// Starts fetching the transcript a page at this address shows while the app's code is still on its
// way; the app takes the answer when it opens the transcript's room (web/src/collab/early-rooms.ts).
(() => {
  const match = /^\/projects\/([^/]+)\/transcripts\/([^/]+)\/?$/.exec(window.location.pathname);
  if (!match || !window.fetch) return;
  const [, projectId, transcriptId] = match;
  window.concordEarlyDocument = {
    room: `transcript.${projectId}.${transcriptId}`,
    bytes: fetch(`/api/projects/${projectId}/transcripts/${transcriptId}/document`, {
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.arrayBuffer() : null))
      .catch(() => null),
  };
})();
