// Starts fetching the transcript a page at this address shows while the app's code is still on its
// way; the app takes the answer when it opens the transcript's room (web/src/collab/early-rooms.ts).
// A browser that keeps a copy of the transcript (IndexedDB, named as in room-connection.ts) loads
// that instead and syncs only the difference: the answer is then "local".
(() => {
  const match = /^\/projects\/([^/]+)\/transcripts\/([^/]+)\/?$/.exec(window.location.pathname);
  if (!match || !window.fetch) return;
  const [, projectId, transcriptId] = match;
  const room = `transcript.${projectId}.${transcriptId}`;
  const copy = `concord:${room}:1`;
  const kept = indexedDB?.databases
    ? indexedDB
        .databases()
        .then((databases) => databases.some((database) => database.name === copy))
        .catch(() => false)
    : Promise.resolve(false);
  window.concordEarlyDocument = {
    room,
    bytes: kept.then((local) =>
      local
        ? "local"
        : fetch(`/api/projects/${projectId}/transcripts/${transcriptId}/document`, {
            credentials: "same-origin",
          })
            .then((response) => (response.ok ? response.arrayBuffer() : null))
            .catch(() => null),
    ),
  };
})();
