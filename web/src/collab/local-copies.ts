/**
 * This browser's copies of Concord's documents (IndexedDB, one database per room, named
 * `concord:<room>:<generation>`) and its small remembered things (localStorage `concord:…`). A shared
 * university computer keeps no interview text once its user signs out or is removed from a project.
 */

const PROJECT_ROOM_KINDS = ["project", "transcript", "discussion", "layer"];

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Blocked while a page still has it open: deletion goes ahead once that closes.
    setTimeout(resolve, 3000);
  });
}

async function forget(keep: (name: string) => boolean): Promise<void> {
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .map((database) => database.name ?? "")
      .filter((name) => name.startsWith("concord:") && !keep(name))
      .map(deleteDatabase),
  );
}

/** Deletes every copy of every document and everything Concord remembered in this browser. */
export async function forgetAllLocalCopies(): Promise<void> {
  for (const key of Object.keys(localStorage)) if (key.startsWith("concord:")) localStorage.removeItem(key);
  await forget(() => false);
}

/** Deletes this browser's copies of one project's documents (after its user lost access to it). */
export async function forgetProjectCopies(projectId: string): Promise<void> {
  const prefixes = PROJECT_ROOM_KINDS.map((kind) => `concord:${kind}.${projectId}`);
  for (const key of Object.keys(localStorage))
    if (key.endsWith(`:${projectId}`)) localStorage.removeItem(key);
  await forget(
    (name) => !prefixes.some((prefix) => name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}:`)),
  );
}
