export { type ApiClient, type ApiResponse, createApiClient } from "./api-client";
export { openRoomAuthorizer } from "./open-room-authorizer";
export { type SeededProject, seedProject } from "./seed";
export { freePort, type ServerProcess, startServerProcess } from "./server-process";
export { connectStockClient, eventually, type StockClient, whenSynced } from "./stock-client";
export { storedDoc, storedDocIn } from "./stored-doc";
export { type Person, roles, startTeam } from "./team";
export { createDataDir, startTestServer, type TestServer } from "./test-server";
