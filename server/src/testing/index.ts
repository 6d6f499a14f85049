export { freePort, type ServerProcess, startServerProcess } from "./server-process";
export { connectStockClient, eventually, type StockClient, whenSynced } from "./stock-client";
export { createDataDir, startTestServer, type TestServer } from "./test-server";
